package io.openloop.ledger.store.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs only the embedded store until the process receives SIGTERM (or SIGINT), so that tests and several server
 * processes can share one store process through its MongoDB URI. The server jar runs it with the first argument
 * {@value #NAME}: {@code java -jar openloop-ledger.jar store --port 27017}.
 *
 * <p>Each setting comes from an argument ({@code --port 27017} or {@code --port=27017}), else from an environment
 * variable, else from its default:
 *
 * <pre>
 * --data-dir DIR           OPENLOOP_STORE_DATA_DIR     data directory (default data/embedded-store)
 * --host HOST              OPENLOOP_STORE_HOST         bind address (default 127.0.0.1)
 * --port PORT              OPENLOOP_STORE_PORT         TCP port, 0 for a free one (default 27017)
 * --durability MODE        OPENLOOP_STORE_DURABILITY   COMMIT or FSYNC (default FSYNC)
 * --cache-size-mb MB       OPENLOOP_STORE_CACHE_MB     MVStore cache in MiB (default 256)
 * --port-file FILE         OPENLOOP_STORE_PORT_FILE    file that receives the bound port once the store listens
 * </pre>
 *
 * <p>Once the store accepts connections, it prints {@code Store listening on HOST:PORT} on standard output.
 *
 * <p>Exit status: 143 after SIGTERM once the store has closed (the JVM's status for that signal), 1 if the store
 * cannot start, 2 for invalid arguments.
 */
public final class EmbeddedStoreMain {

    /** The first argument of the server jar that runs only the store. */
    public static final String NAME = "store";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreMain.class);

    static final int DEFAULT_PORT = 27017;
    static final String DEFAULT_DATA_DIR = "data/embedded-store";

    private static final String USAGE =
            "Usage: java -jar openloop-ledger.jar store [--data-dir DIR] [--host HOST] [--port PORT]"
                    + " [--durability COMMIT|FSYNC] [--cache-size-mb MB] [--port-file FILE]";

    private EmbeddedStoreMain() {}

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }

        EmbeddedMongoStore store;
        try {
            store = EmbeddedMongoStore.open(settings.options());
        } catch (RuntimeException e) {
            log.error("Embedded store did not start: {}", e.getMessage(), e);
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            log.info("Stopping embedded store at {}", store.dataFile());
                            store.close();
                            stopped.countDown();
                        },
                        "embedded-store-shutdown"));

        if (settings.portFile() != null) {
            writePortFile(settings.portFile(), store.port());
        }
        System.out.println("Store listening on " + settings.options().bindHost() + ":" + store.port());
        System.out.flush();
        awaitQuietly(stopped);
    }

    /** Writes the port to a temporary file first and moves it, so a reader never sees a partly written file. */
    private static void writePortFile(Path portFile, int port) {
        try {
            Path absolute = portFile.toAbsolutePath();
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".tmp");
            Files.writeString(temporary, Integer.toString(port), StandardCharsets.US_ASCII);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.error("Failed to write port file {}; the store keeps running on port {}", portFile, port, e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parsed command line and environment. */
    record Settings(EmbeddedStoreOptions options, Path portFile) {

        static Settings parse(String[] args, Map<String, String> env) {
            String dataDir = env.getOrDefault("OPENLOOP_STORE_DATA_DIR", DEFAULT_DATA_DIR);
            String host = env.getOrDefault("OPENLOOP_STORE_HOST", EmbeddedStoreOptions.DEFAULT_BIND_HOST);
            String port = env.getOrDefault("OPENLOOP_STORE_PORT", Integer.toString(DEFAULT_PORT));
            String durability =
                    env.getOrDefault("OPENLOOP_STORE_DURABILITY", EmbeddedStoreOptions.DEFAULT_DURABILITY.name());
            String cacheSize = env.getOrDefault(
                    "OPENLOOP_STORE_CACHE_MB", Integer.toString(EmbeddedStoreOptions.DEFAULT_CACHE_SIZE_MB));
            String portFile = env.get("OPENLOOP_STORE_PORT_FILE");

            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                String value;
                int equals = name.indexOf('=');
                if (name.startsWith("--") && equals > 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                } else if (i + 1 < args.length) {
                    value = args[++i];
                } else {
                    throw new IllegalArgumentException("Option " + name + " is missing its value");
                }
                switch (name) {
                    case "--data-dir" -> dataDir = value;
                    case "--host" -> host = value;
                    case "--port" -> port = value;
                    case "--durability" -> durability = value;
                    case "--cache-size-mb" -> cacheSize = value;
                    case "--port-file" -> portFile = value;
                    default -> throw new IllegalArgumentException("Unknown option " + name);
                }
            }

            EmbeddedStoreOptions options = EmbeddedStoreOptions.defaults(Path.of(dataDir))
                    .withBindHost(host)
                    .withPort(parseInt("port", port))
                    .withDurability(parseDurability(durability))
                    .withCacheSizeMb(parseInt("cache size", cacheSize));
            return new Settings(options, portFile == null ? null : Path.of(portFile));
        }

        private static int parseInt(String setting, String value) {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid " + setting + " [" + value + "]; expected a whole number");
            }
        }

        private static Durability parseDurability(String value) {
            try {
                return Durability.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid durability [" + value + "]; expected COMMIT or FSYNC", e);
            }
        }
    }
}
