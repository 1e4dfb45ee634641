package io.tavern.db;

import com.zaxxer.hikari.HikariConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HikariConfigFactoryTest {

    @Test
    void onPostgresqlBatchedInsertsAreRewrittenIntoMultiRowInserts() {
        DatabaseConfig config = DatabaseConfig.external("jdbc:postgresql://db/tavern", "tavern", "secret")
                .withSocketTimeout(Duration.ofSeconds(12));

        HikariConfig hikari = HikariConfigFactory.create(config, SqlDialect.POSTGRESQL, new SimpleMeterRegistry());

        assertThat(hikari.getDataSourceProperties())
                .containsEntry("reWriteBatchedInserts", "true")
                .containsEntry("socketTimeout", "12")
                .containsEntry("connectTimeout", "5");
    }

    @Test
    void thePoolHasPoolSizeConnectionsAndTheBackgroundLanesAlways() {
        DatabaseConfig config = DatabaseConfig.embedded(Path.of("target/unused")).withPoolSize(3);

        HikariConfig hikari = HikariConfigFactory.create(config, SqlDialect.H2, new SimpleMeterRegistry());

        assertThat(hikari.getMaximumPoolSize()).isEqualTo(3 + DatabaseConfig.BACKGROUND_CONNECTIONS);
        assertThat(hikari.getMinimumIdle()).isEqualTo(3 + DatabaseConfig.BACKGROUND_CONNECTIONS);
        assertThat(hikari.getDataSourceProperties()).isEmpty();
    }
}
