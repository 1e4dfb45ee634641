package io.tavern.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.observability.ObservabilityProperties;
import io.tavern.server.persistence.PersistenceProperties;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.FieldError;

/**
 * The {@code tavern.*} records bound and validated as at start (Spring Boot's binder, Bean Validation,
 * then the records' relations): every default is valid, each value out of range and each broken relation
 * is refused under its own key.
 */
class TavernPropertiesValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({TavernProperties.class, PersistenceProperties.class, ObservabilityProperties.class})
    static class AllProperties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(AllProperties.class);

    @Test
    void theDefaultsAreValid() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            TavernProperties properties = context.getBean(TavernProperties.class);
            assertThat(properties.rooms().effectiveDefaultCapacity()).isEqualTo(8);
            assertThat(properties.config().unknownKeys()).isEqualTo(TavernProperties.Config.UnknownKeys.FAIL);
        });
    }

    @ParameterizedTest(name = "{0}={1} is refused: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            tavern.rooms.max-capacity          | 1      | must be between 2 and 100000
            tavern.chat.max-length             | -5     | must be between 1 and 2000
            tavern.chat.max-length             | 2001   | must be between 1 and 2000
            tavern.net.port                    | 70000  | must be between 0 and 65535
            tavern.net.max-frame-size          | 32B    | must be between 64B and 16MB
            tavern.net.heartbeat-interval      | 0s     | must be longer than or equal to 100 millis
            tavern.logic.threads               | 5000   | must be between 0 and 1024
            tavern.chat.rate-limit.per-second  | -1     | must be greater than or equal to 0
            tavern.rooms.default-capacity      | 1      | must be greater than or equal to 2
            tavern.auth.password-hash.parallelism | 0   | must be between 1 and 64
            tavern.auth.password-hash.queue-capacity | 0 | must be between 1 and 100000
            tavern.auth.login-attempts.per-name   | 0   | must be between 1 and 1000000
            tavern.auth.login-attempts.backoff    | 0s  | must be longer than or equal to 1 milli
            tavern.auth.registration.window       | 0s  | must be longer than or equal to 1 second
            tavern.auth.reserved-names[0]         | game master | must be a name a player could take: 2-24 characters
            tavern.db.pool-size                | 0      | must be between 1 and 1000
            tavern.db.max-in-flight-per-session | 0     | must be between 1 and 1000
            tavern.limits.costs.history        | -1     | must be between 0 and 1000000
            tavern.limits.session.per-second   | -1     | must be greater than or equal to 0
            tavern.rooms.max-rooms             | 0      | must be between 1 and 10000000
            tavern.rooms.creations-per-minute  | 0      | must be between 1 and 100000
            tavern.db.url                      | postgres://db/tavern | must be a JDBC url
            tavern.db.archive.flush-interval   | 0ms    | must be longer than or equal to 1 milli
            tavern.db.archive.queue-bytes      | 64KB   | must be between 1MB and 8GB
            tavern.observability.database-check-interval | 0s | must be longer than or equal to 10 millis
            """)
    void aValueOutOfItsRangeIsRefusedUnderItsKey(String key, String value, String message) {
        runner.withPropertyValues(key + "=" + value).run(context ->
                assertThat(violations(context.getStartupFailure())).singleElement()
                        .satisfies(violation -> assertThat(violation).startsWith(key + ": ").contains(message)));
    }

    @ParameterizedTest(name = "{0} breaks a relation")
    @CsvSource(delimiter = '|', textBlock = """
            tavern.rooms.max-capacity=4, tavern.rooms.default-capacity=10       | tavern.rooms.default-capacity     | must be at most tavern.rooms.max-capacity (4)
            tavern.rooms.default-capacity=3, tavern.rooms.default-min-players=4 | tavern.rooms.default-min-players  | must be at most the default room capacity (3
            tavern.net.heartbeat-interval=30s, tavern.net.idle-timeout=30s      | tavern.net.idle-timeout           | must be longer than tavern.net.heartbeat-interval (30s)
            tavern.net.max-connections=10, tavern.net.max-connections-per-ip=11 | tavern.net.max-connections-per-ip | must be at most tavern.net.max-connections (10)
            tavern.net.max-frame-size=1MB, tavern.net.send-queue-limit=512KB    | tavern.net.send-queue-limit       | must hold at least one frame: tavern.net.max-frame-size is 1MB
            tavern.net.max-frame-size=4KB, tavern.chat.max-length=1000          | tavern.chat.max-length            | more than tavern.net.max-frame-size (4KB); allowed here: at most 768
            tavern.net.max-frame-size=4KB, tavern.net.max-frame-size-before-login=8KB | tavern.net.max-frame-size-before-login | must be at most tavern.net.max-frame-size (4KB)
            tavern.net.send-queue-limit=8MB, tavern.net.outbound-budget=4MB     | tavern.net.outbound-budget        | must hold at least one session's queue: tavern.net.send-queue-limit is 8MB
            tavern.net.send-queue-limit=64KB, tavern.chat.admission.member-backlog=64KB | tavern.chat.admission.member-backlog | must be under tavern.net.send-queue-limit (64KB)
            tavern.auth.password-hash.memory-kib=64, tavern.auth.password-hash.parallelism=16 | tavern.auth.password-hash.memory-kib | at least 128
            tavern.auth.login-attempts.backoff=10m, tavern.auth.login-attempts.max-backoff=5m | tavern.auth.login-attempts.max-backoff | must be at least tavern.auth.login-attempts.backoff (10m)
            tavern.auth.login-attempts.max-backoff=2h, tavern.auth.login-attempts.forget-after=1h | tavern.auth.login-attempts.forget-after | must be at least tavern.auth.login-attempts.max-backoff (120m)
            tavern.limits.session.burst=5                                       | tavern.limits.session.burst       | must be at least the dearest
            tavern.limits.costs.create-room=20000, tavern.limits.session.burst=20000 | tavern.limits.address.burst | must be at least the dearest
            """)
    void aBrokenRelationIsRefusedUnderTheKeyThatBreaksIt(String settings, String key, String message) {
        runner.withPropertyValues(settings.split(",\\s*")).run(context ->
                assertThat(violations(context.getStartupFailure())).singleElement()
                        .satisfies(violation -> assertThat(violation).startsWith(key + ": ").contains(message)));
    }

    @Test
    void aStudioWithSmallRoomsGetsTheDefaultCapacityFittedToItsMaximum() {
        runner.withPropertyValues("tavern.rooms.max-capacity=4").run(context -> {
            assertThat(context).hasNotFailed();
            TavernProperties.Rooms rooms = context.getBean(TavernProperties.class).rooms();
            assertThat(rooms.effectiveDefaultCapacity()).isEqualTo(4);
            assertThat(rooms.defaultMinPlayers()).isEqualTo(2);
        });
        runner.withPropertyValues("tavern.rooms.max-capacity=2").run(context ->
                assertThat(context.getBean(TavernProperties.class).rooms().effectiveDefaultCapacity()).isEqualTo(2));
    }

    @Test
    void reservedNamesAreListedAsNamesAndTheHashingPoolFollowsTheCores() {
        runner.withPropertyValues("tavern.auth.reserved-names=moderator,Game_Master").run(context -> {
            assertThat(context).hasNotFailed();
            TavernProperties.Auth auth = context.getBean(TavernProperties.class).auth();
            assertThat(auth.reservedNames()).containsExactly("moderator", "Game_Master");
            assertThat(auth.passwordHash().effectiveThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        });
    }

    @Test
    void anExplicitDefaultCapacityIsKept() {
        runner.withPropertyValues("tavern.rooms.default-capacity=12").run(context ->
                assertThat(context.getBean(TavernProperties.class).rooms().effectiveDefaultCapacity()).isEqualTo(12));
    }

    @Test
    void theEdgesOfEachRangeAreAccepted() {
        runner.withPropertyValues("tavern.rooms.max-capacity=2", "tavern.chat.max-length=1", "tavern.net.port=0",
                "tavern.net.max-frame-size=16MB", "tavern.net.send-queue-limit=16MB", "tavern.chat.rate-limit.per-second=0",
                "tavern.shutdown.network-drain=0s", "tavern.db.url=").run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void everyMistakeIsReportedAtOnceNotOneStartAtATime() {
        runner.withPropertyValues("tavern.rooms.max-capacity=1", "tavern.chat.max-length=-5").run(context ->
                assertThat(violations(context.getStartupFailure()))
                        .hasSize(2).anySatisfy(v -> assertThat(v).startsWith("tavern.rooms.max-capacity: "))
                        .anySatisfy(v -> assertThat(v).startsWith("tavern.chat.max-length: ")));
    }

    /** Each validation error as {@code key: message}, the key as an operator writes it. */
    private static List<String> violations(Throwable failure) {
        BindException bind = find(failure, BindException.class);
        assertThat(bind).as("a binding failure, not %s", failure).isNotNull();
        assertThat(bind.getCause()).isInstanceOf(BindValidationException.class);
        ValidationErrors errors = ((BindValidationException) bind.getCause()).getValidationErrors();
        return errors.getAllErrors().stream()
                .map(error -> (error instanceof FieldError field
                        ? errors.getName().append(DataObjectPropertyName.toDashedForm(field.getField())).toString()
                        : errors.getName().toString()) + ": " + error.getDefaultMessage())
                .toList();
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
