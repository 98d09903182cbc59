package io.openloop.ledger.api;

import io.openloop.ledger.store.audit.VerifyExportCommand;
import io.openloop.ledger.store.embedded.EmbeddedStoreMain;
import java.util.Arrays;
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

    /**
     * Starts the server. With the first argument {@value VerifyExportCommand#NAME} it runs the offline verifier of an
     * audit export instead, and with {@value EmbeddedStoreMain#NAME} only the embedded store, for server nodes that
     * share it; neither starts Spring.
     */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(VerifyExportCommand.NAME)) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            System.exit(VerifyExportCommand.run(rest, System.in, System.out, System.err));
        }
        if (args.length > 0 && args[0].equals(EmbeddedStoreMain.NAME)) {
            EmbeddedStoreMain.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(LedgerApplication.class, args);
    }
}
