package io.tavern.db.exec;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tavern.db.Database;
import io.tavern.db.account.AccountStore;
import io.tavern.db.account.PasswordHasher;
import io.tavern.db.account.PasswordHashing;
import io.tavern.db.account.PasswordHashingConfig;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import io.tavern.db.testing.NamedThread;

import org.assertj.core.api.InstanceOfAssertFactories;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JDBC runs on tavern-db threads only: from an event loop, a logic thread or a test thread it is refused. */
class JdbcOffDbThreadsTest {

    @DatabaseTest
    void aJdbcCallFromALogicThreadIsRefused(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();

        assertThat(NamedThread.failureOf("tavern-logic-1",
                () -> database.jdbc().queryForObject("SELECT 1", Integer.class)))
                .get()
                .satisfies(failure -> assertThat(failure).rootCause()
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("tavern-logic-1"));
    }

    @DatabaseTest
    void aConnectionBorrowedOnAnEventLoopThreadIsRefused(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();

        assertThat(NamedThread.failureOf("tavern-io-1", () -> {
            try (Connection connection = database.dataSource().getConnection()) {
                return connection.isValid(1);
            }
        })).get(InstanceOfAssertFactories.THROWABLE)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tavern-io-1");
    }

    @DatabaseTest
    void theTestThreadIsRefusedToo(FreshDatabase fresh) {
        Database database = fresh.open();

        assertThatThrownBy(() -> database.jdbc().queryForObject("SELECT 1", Integer.class))
                .rootCause().isInstanceOf(IllegalStateException.class);
    }

    @DatabaseTest
    void workSubmittedToTheDatabaseRunsOnADbThread(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();

        String answer = Await.result(database.submit(jdbc ->
                Thread.currentThread().getName() + " " + jdbc.queryForObject("SELECT 1", Integer.class)));

        assertThat(answer).matches("tavern-db-\\d+ 1");
    }

    @DatabaseTest
    void storesMayBeCalledFromAnyThreadBecauseTheirJdbcRunsOnTheExecutor(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        try (PasswordHashing hashing = new PasswordHashing(new PasswordHasher(new PasswordHashingConfig(64, 1, 1)), 1, 1,
                new SimpleMeterRegistry())) {
            AccountStore accounts = new AccountStore(database, hashing);

            assertThat(NamedThread.failureOf("tavern-logic-1", () -> Await.result(accounts.exists("nobody")))).isEmpty();
        }
    }
}
