package io.tavern.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.db.Database;
import io.tavern.db.chat.ArchivedMessage;
import io.tavern.db.chat.ChatArchive;
import io.tavern.db.chat.StoredChat;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.server.testing.GameClients.Player;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChatRetentionPurgeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void messagesOlderThanTheRetentionArePurgedInBatchesWhileNewChatIsKept() throws Exception {
        try (ModerationServer tavern = ModerationServer.start("tavern.db.retention=24h",
                "tavern.db.retention-interval=1s", "tavern.db.retention-batch-size=3")) {
            ChatArchive archive = tavern.server.bean(ChatArchive.class);
            Instant lastWeek = Instant.now().minus(Duration.ofDays(7));
            for (long id = 1; id <= 10; id++) {
                assertThat(archive.offer(ArchivedMessage.lobby(id, "elder", "old line " + id, lastWeek.plusSeconds(id))))
                        .isTrue();
            }
            Player talker = tavern.clients.guest("talker");
            talker.client().sendChat(ChatScope.LOBBY, "", "fresh line").get(10, TimeUnit.SECONDS);
            Database database = tavern.server.bean(Database.class);

            await().atMost(WAIT).untilAsserted(() -> assertThat(database.submit(StoredChat::messages).join())
                    .extracting(ArchivedMessage::text).containsExactly("fresh line"));
            assertThat(tavern.server.bean(MeterRegistry.class).get("tavern.db.retention.purged").counter().count())
                    .isEqualTo(10);
        }
    }
}
