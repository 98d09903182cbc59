package io.openloop.ledger.messages.task;

/**
 * The AAP message types. Each maps onto a FIPA ACL performative: {@code TASK_REQUEST} request, {@code TASK_OFFER} and
 * {@code COUNTER_OFFER} propose, {@code OFFER_ACCEPT} accept-proposal, {@code OFFER_DECLINE} reject-proposal, {@code
 * TASK_REJECT} refuse, {@code TASK_UPDATE}, {@code INPUT_REQUEST} and {@code TASK_COMPLETE} inform, {@code TASK_FAIL}
 * failure, {@code TASK_CANCEL} cancel; {@code TASK_DISPUTE} opens a dispute.
 */
public enum TaskMessageType {
    TASK_REQUEST,
    TASK_OFFER,
    COUNTER_OFFER,
    OFFER_ACCEPT,
    OFFER_DECLINE,
    TASK_UPDATE,
    INPUT_REQUEST,
    TASK_COMPLETE,
    TASK_FAIL,
    TASK_CANCEL,
    TASK_REJECT,
    TASK_DISPUTE
}
