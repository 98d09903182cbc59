package io.openloop.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts the OpenLoop ledger server: the REST API, the command side, projections and query handlers. */
@SpringBootApplication(scanBasePackages = "io.openloop.ledger")
@EnableScheduling
public class LedgerApplication {

    static {
        // Axon's update checker reports to a remote host; the ledger must never call out on its own.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }
}
