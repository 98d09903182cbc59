/** AAP messaging: task requests, offers, contracts, their settlement in credits and business task policies. */
package io.openloop.ledger.messages.task;
