package io.openloop.ledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the OpenLoop ledger server: the REST API, the command side, projections and query handlers. */
@SpringBootApplication(scanBasePackages = "io.openloop.ledger")
public class LedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(LedgerApplication.class, args);
    }
}
