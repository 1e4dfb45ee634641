package io.tavern.server.testing;

import io.tavern.client.ClientOptions;
import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.Error;
import io.tavern.server.net.TavernServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Real clients (the project's client library) on loopback against a test server; closes them all
 * at the end of a test.
 *
 * <p>In a {@code @SpringBootTest}, register it as an extension and it finds the server's port and
 * closes its clients after each test by itself:
 * <pre>{@code
 * @RegisterExtension
 * final GameClients clients = GameClients.ofSpringServer();
 * }</pre>
 */
public final class GameClients implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    /** A connected client and the events it has received. */
    public record Player(String name, TavernClient client, Inbox inbox) {
    }

    private static final AtomicInteger NEXT = new AtomicInteger();

    private int port;
    private final List<TavernClient> open = new ArrayList<>();

    public GameClients(int port) {
        this.port = port;
    }

    /** Clients of the test's Spring application's game server, its port read before each test. */
    public static GameClients ofSpringServer() {
        return new GameClients(0);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (port == 0) {
            port = SpringExtension.getApplicationContext(context).getBean(TavernServer.class).port();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** A name no other test has used in this JVM (servers are shared between test classes). */
    public static String uniqueName(String prefix) {
        return prefix + NEXT.incrementAndGet();
    }

    /** The error a request was refused with; fails the test when it succeeded or did not answer in 5 s. */
    public static Error errorOf(CompletableFuture<?> reply) throws Exception {
        try {
            reply.get(5, TimeUnit.SECONDS);
            throw new AssertionError("expected an error reply");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ServerErrorException refused) {
                return refused.error();
            }
            throw e;
        }
    }

    public ClientOptions.Builder options() {
        return ClientOptions.builder().host("127.0.0.1").port(port).requestTimeout(Duration.ofSeconds(10));
    }

    public Player connect(UnaryOperator<ClientOptions.Builder> tweak) throws Exception {
        Inbox inbox = new Inbox();
        TavernClient client = TavernClient.connect(tweak.apply(options()).listener(inbox).build())
                .get(10, TimeUnit.SECONDS);
        synchronized (open) {
            open.add(client);
        }
        return new Player(null, client, inbox);
    }

    /** Connects and logs in as a guest with a fresh unique name. */
    public Player guest(String prefix) throws Exception {
        return guest(prefix, UnaryOperator.identity());
    }

    public Player guest(String prefix, UnaryOperator<ClientOptions.Builder> tweak) throws Exception {
        Player connected = connect(tweak);
        String name = uniqueName(prefix);
        connected.client().loginGuest(name).get(10, TimeUnit.SECONDS);
        return new Player(name, connected.client(), connected.inbox());
    }

    @Override
    public void close() {
        synchronized (open) {
            open.forEach(TavernClient::close);
            open.clear();
        }
    }
}
