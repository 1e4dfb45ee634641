package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.client.ClientOptions;
import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.testserver.TestTavernServer;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class CommandRunnerTest {

    private TestTavernServer server;
    private TavernClient alice;
    private final List<ObjectNode> reported = new CopyOnWriteArrayList<>();
    private final List<String> prompts = new CopyOnWriteArrayList<>();
    private CommandRunner runner;

    @BeforeEach
    void start() throws Exception {
        server = TestTavernServer.start();
        alice = connect("alice");
        Reporter reporter = new Reporter(new SessionState(), reported::add, new EventWaits());
        runner = CommandRunner.interactive(alice, reporter, prompt -> {
            prompts.add(prompt);
            return "open-sesame";
        });
    }

    @AfterEach
    void stop() {
        alice.close();
        server.close();
    }

    private TavernClient connect(String name) throws Exception {
        TavernClient client = TavernClient.connect(ClientOptions.builder().host("127.0.0.1").port(server.port()).build())
                .get(5, TimeUnit.SECONDS);
        client.loginGuest(name).get(5, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void aBarePasswordFlagAsksForThePasswordWithoutEcho() throws Exception {
        runner.run("/create vault --password").join();

        assertThat(prompts).containsExactly("Password for the new room vault: ");
        TavernClient bob = connect("bob");
        try {
            Assertions.assertThatThrownBy(() -> bob.joinRoom("vault", "guess").join())
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOfSatisfying(ServerErrorException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_PASSWORD));
            assertThat(bob.joinRoom("vault", "open-sesame").get(5, TimeUnit.SECONDS).getRoom().getName()).isEqualTo("vault");
        } finally {
            bob.close();
        }
    }

    @Test
    void sleepingLeavesTheConnectionAndItsCloseFutureAlone() throws Exception {
        runner.run("/sleep 30").join();

        assertThat(alice.closeFuture()).isNotDone();
        assertThat(alice.isOpen()).isTrue();
    }

    @Test
    void quitIsToldToTheCallerAndSendsNothing() throws Exception {
        int before = server.received().size();

        assertThat(runner.run("/quit").join()).isEqualTo(CommandRunner.Next.QUIT);
        assertThat(server.received()).hasSize(before);
        assertThat(reported).isEmpty();
    }
}
