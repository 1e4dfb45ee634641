package io.tavern.db.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Redis the tests find: each test a database of its own, which Lettuce reaches by its url. */
@ExtendWith(RedisTestExtension.class)
class RedisTestServerTest {

    private RedisClient client;

    @AfterEach
    void closeClient() {
        if (client != null) {
            client.shutdown();
        }
    }

    private RedisCommands<String, String> connect(RedisTestDatabase database) {
        if (client == null) {
            client = RedisClient.create();
        }
        StatefulRedisConnection<String, String> connection = client.connect(database.uri());
        return connection.sync();
    }

    @Test
    void aTestGetsAnEmptyDatabaseOfItsOwnThatAnswersPingSetAndGet(RedisTestDatabase database) {
        RedisCommands<String, String> redis = connect(database);

        assertThat(database.number()).as("database 0 holds the leases").isPositive();
        assertThat(redis.ping()).isEqualTo("PONG");
        assertThat(redis.dbsize()).as("empty when handed out").isZero();
        assertThat(redis.set("greeting", "hello")).isEqualTo("OK");
        assertThat(redis.get("greeting")).isEqualTo("hello");
        assertThat(database.url()).endsWith("/" + database.number());
    }

    @Test
    void twoLeasesHoldDifferentNumbersAndNeitherSeesTheOthersKeys(RedisTestDatabase first) {
        try (RedisTestDatabase second = first.server().leaseDatabase()) {
            assertThat(second.number()).isNotEqualTo(first.number());
            assertThat(second.namespace()).isNotEqualTo(first.namespace());

            connect(first).set("room", "first's");
            connect(second).set("room", "second's");

            assertThat(connect(first).get("room")).isEqualTo("first's");
            assertThat(connect(second).get("room")).isEqualTo("second's");
        }
    }

    @Test
    void aDatabaseGivenBackIsEmptied(RedisTestDatabase holder) {
        RedisTestDatabase lent = holder.server().leaseDatabase();
        String key = lent.namespace() + "left-behind";
        connect(lent).set(key, "x");

        lent.close();

        // Read the number straight, without a lease: another run may hold it by now, but not this key.
        assertThat(connect(lent).exists(key)).isZero();
    }
}
