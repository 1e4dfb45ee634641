package io.tavern.db;

import io.tavern.db.audit.AuditStore;
import io.tavern.db.testing.Await;
import io.tavern.db.testing.DatabaseTest;
import io.tavern.db.testing.FreshDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseLifecycleTest {

    @Test
    void withoutAUrlTheDatabaseIsAnH2FileInTheDataDirectory(@TempDir Path dataDirectory) throws Exception {
        try (Database database = Database.open(DatabaseConfig.embedded(dataDirectory.resolve("data")))) {
            assertThat(database.dialect()).isEqualTo(SqlDialect.H2);
            assertThat(dataDirectory.resolve("data/tavern.mv.db")).exists();
            Integer applied = Await.result(database.submit(jdbc -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL AND success", Integer.class)));
            assertThat(applied).isEqualTo(migrationScripts());
        }
    }

    @Test
    void theEmbeddedDatabaseKeepsASmallPageCacheSoThatArchivedPagesDoNotLingerInTheHeap(@TempDir Path dataDirectory)
            throws Exception {
        try (Database database = Database.open(DatabaseConfig.embedded(dataDirectory))) {
            // What the store itself reports as its cache's limit, in MiB: the setting as H2 applied it.
            String cacheMib = Await.result(database.submit(jdbc -> jdbc.queryForObject(
                    "SELECT setting_value FROM information_schema.settings WHERE setting_name = 'info.CACHE_MAX_SIZE'",
                    String.class)));
            assertThat(cacheMib).isEqualTo("2");
        }
    }

    @Test
    void dataAndSchemaSurviveAReopenAndMigrationsRunOnce(@TempDir Path dataDirectory) throws Exception {
        DatabaseConfig config = DatabaseConfig.embedded(dataDirectory);
        try (Database database = Database.open(config)) {
            Await.result(new AuditStore(database).append("console", "BAN", "mallory", "spam", null));
        }

        try (Database reopened = Database.open(config)) {
            assertThat(Await.result(new AuditStore(reopened).list(PageRequest.first(10))))
                    .singleElement().satisfies(entry -> assertThat(entry.target()).isEqualTo("mallory"));
            Integer migrations = Await.result(reopened.submit(jdbc -> jdbc.queryForObject(
                    "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL", Integer.class)));
            assertThat(migrations).isEqualTo(migrationScripts());
        }
    }

    @DatabaseTest
    void migrationsCreateEveryTable(FreshDatabase fresh) {
        fresh.open();

        List<String> tables = fresh.direct().queryForList(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'", String.class);

        assertThat(tables).contains("account", "chat_chunk", "ban", "mute", "audit_log");
    }

    @DatabaseTest
    void thePoolSizeIsAlsoTheNumberOfDbThreads(FreshDatabase fresh) {
        Database database = fresh.open(config -> config.withPoolSize(3));

        assertThat(database.executor().threadCount()).isEqualTo(3);
    }

    @DatabaseTest
    void aDuplicateKeyFailsAsDuplicateKeyExceptionOnEveryDatabase(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        String insert = "INSERT INTO account (name_key, display_name, password_hash, created_at)"
                + " VALUES ('alice', 'Alice', 'x', CURRENT_TIMESTAMP)";
        Await.result(database.submit(jdbc -> jdbc.update(insert)));

        // What the stores catch when two registrations race for one name, or two nodes for one node id.
        assertThatThrownBy(() -> Await.result(database.submit(jdbc -> jdbc.update(insert))))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @DatabaseTest
    void pingAnswersWhileTheDatabaseIsUp(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();

        Await.result(database.ping());
    }

    @DatabaseTest
    void closeLetsQueuedWorkFinishAndThenRefusesMore(FreshDatabase fresh) throws Exception {
        Database database = fresh.open();
        var queued = database.submit(jdbc -> {
            Thread.sleep(200);
            return jdbc.queryForObject("SELECT 1", Integer.class);
        });

        database.close();

        Integer answer = Await.result(queued);
        assertThat(answer).isEqualTo(1);
        assertThat(database.ping()).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(ExecutionException.class);
    }

    @Test
    void anUnreachableServerFailsTheStartAtOnce() {
        // Port 1 on loopback: nothing listens, the connection is refused.
        DatabaseConfig config = DatabaseConfig.external("jdbc:postgresql://127.0.0.1:1/tavern", "tavern", null);

        assertThatThrownBy(() -> Database.open(config))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect");
    }

    /** The versioned migrations the build ships, SQL scripts and Java classes: each is applied exactly once. */
    private static int migrationScripts() throws Exception {
        try (Stream<Path> scripts = Files.list(Path.of(DatabaseLifecycleTest.class.getResource("/db/migration").toURI()))) {
            return (int) scripts.filter(script -> script.getFileName().toString().matches("V\\d+__[^$]+\\.(sql|class)")).count();
        }
    }
}
