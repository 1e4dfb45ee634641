package io.tavern.db.exec;

import io.tavern.db.testing.NamedThread;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DbThreadsTest {

    @Test
    void onlyThreadsNamedTavernDbPassTheCheck() throws InterruptedException {
        assertThat(NamedThread.failureOf("tavern-db-7", () -> {
            DbThreads.assertDbThread();
            return null;
        })).isEmpty();

        assertThat(NamedThread.failureOf("tavern-logic-1", () -> {
            DbThreads.assertDbThread();
            return null;
        })).get().isInstanceOf(IllegalStateException.class)
                .extracting(Throwable::getMessage).asString().contains("tavern-logic-1", "tavern-db-");

        assertThat(NamedThread.failureOf("tavern-io-1", () -> {
            DbThreads.assertDbThread();
            return null;
        })).get().isInstanceOf(IllegalStateException.class);
    }
}
