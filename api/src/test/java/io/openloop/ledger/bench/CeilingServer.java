package io.openloop.ledger.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.util.Date;
import java.util.concurrent.CountDownLatch;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The ceiling of the load benchmark: a WebFlux route that does one MongoDB driver insert per request and nothing else,
 * with the server's write concern (majority, journal) and its threading (the synchronous driver on Reactor's bounded
 * elastic scheduler). {@code POST /insert} parses the JSON body, stores it with a filler that brings the document near
 * the size of one stored event, and responds with 201 and the new id.
 *
 * <p>Runs until the process is stopped. Arguments: {@code --store-uri=URI --port=PORT}; it prints {@code Ceiling
 * listening on 127.0.0.1:PORT} once it accepts connections.
 */
public final class CeilingServer {

    static final String DATABASE = "ceiling";

    /** About the size of a stored invocation request event, so the store writes a comparable document. */
    private static final String FILLER = "x".repeat(1_000);

    private final MongoCollection<Document> collection;

    private CeilingServer(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    public static void main(String[] args) throws InterruptedException {
        BenchOptions options = BenchOptions.parse(args);
        String storeUri = options.text("--store-uri");
        if (storeUri == null) {
            throw new IllegalArgumentException("--store-uri is missing; pass the MongoDB URI of the store");
        }
        int port = options.integer("--port", 0, 0);

        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(storeUri))
                .writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .applicationName("openloop-ceiling")
                .build());
        CeilingServer ceiling = new CeilingServer(client.getDatabase(DATABASE).getCollection("requests"));
        RouterFunction<ServerResponse> routes =
                RouterFunctions.route(RequestPredicates.POST("/insert"), ceiling::insert);
        DisposableServer server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes)))
                .bindNow();
        System.out.println("Ceiling listening on 127.0.0.1:" + server.port());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.disposeNow();
            client.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private Mono<ServerResponse> insert(ServerRequest request) {
        return request.bodyToMono(String.class)
                .publishOn(Schedulers.boundedElastic())
                .map(body -> {
                    ObjectId id = new ObjectId();
                    collection.insertOne(new Document("_id", id)
                            .append("receivedAt", new Date())
                            .append("body", Document.parse(body))
                            .append("filler", FILLER));
                    return id.toHexString();
                })
                .flatMap(id -> ServerResponse.status(HttpStatus.CREATED)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"id\":\"" + id + "\"}"));
    }
}
