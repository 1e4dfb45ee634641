package io.tavern.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseConfigTest {

    @Test
    void withoutAUrlTheDefaultIsAnH2FileNamedTavernUnderData() {
        DatabaseConfig config = DatabaseConfig.defaults();

        assertThat(config.isEmbedded()).isTrue();
        assertThat(config.dataDirectory()).isEqualTo(Path.of("data"));
        assertThat(config.fileName()).isEqualTo("tavern");
        assertThat(config.poolSize()).isEqualTo(8);
        assertThat(config.queueCapacity()).isEqualTo(10_000);
        assertThat(config.jdbcUrl())
                .startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("tavern"))
                .contains(";MODE=PostgreSQL", ";DATABASE_TO_LOWER=TRUE", ";DEFAULT_NULL_ORDERING=HIGH",
                        ";DB_CLOSE_ON_EXIT=FALSE", ";CACHE_SIZE=2048");
        assertThat(config.effectiveUser()).isEqualTo("sa");
    }

    @Test
    void aUrlIsUsedAsGiven() {
        DatabaseConfig config = DatabaseConfig.external("jdbc:postgresql://db:5432/tavern", "tavern", "secret");

        assertThat(config.isEmbedded()).isFalse();
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/tavern");
        assertThat(config.effectiveUser()).isEqualTo("tavern");
    }

    @Test
    void aBlankUrlMeansEmbedded() {
        assertThat(DatabaseConfig.defaults().withUrl("  ", null, null).isEmbedded()).isTrue();
    }

    @Test
    void thePasswordStaysOutOfToString() {
        assertThat(DatabaseConfig.external("jdbc:postgresql://db/tavern", "tavern", "secret").toString())
                .doesNotContain("secret");
        assertThat(DatabaseConfig.external("jdbc:postgresql://db/tavern?user=t&password=secret&ssl=true", null, null))
                .satisfies(config -> assertThat(config.redactedUrl()).isEqualTo("jdbc:postgresql://db/tavern?user=t&password=***&ssl=true"))
                .extracting(DatabaseConfig::toString).asString().doesNotContain("secret");
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> DatabaseConfig.defaults().withPoolSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseConfig.defaults().withQueueCapacity(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseConfig.defaults().withConnectionTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseConfig.defaults().withFileName("x;INIT=RUNSCRIPT FROM 'evil.sql'"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyH2AndPostgresqlAreSpoken() {
        assertThat(SqlDialect.fromJdbcUrl("jdbc:h2:mem:x")).isEqualTo(SqlDialect.H2);
        assertThat(SqlDialect.fromJdbcUrl("jdbc:postgresql://db/tavern")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThatThrownBy(() -> SqlDialect.fromJdbcUrl("jdbc:mysql://db/tavern"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
