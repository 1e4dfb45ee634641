package io.tavern.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Who a session's player is: nobody before login, then its account, or the session itself as a guest. */
class PlayerIdentityOfSessionTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final EmbeddedChannel otherChannel = new EmbeddedChannel();
    private final Session session = new Session(Session.newId(), channel, 1 << 16, Duration.ofSeconds(1), new SendStats());
    private final Session other = new Session(Session.newId(), otherChannel, 1 << 16, Duration.ofSeconds(1), new SendStats());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        otherChannel.finishAndReleaseAll();
    }

    @Test
    void beforeLoginThePlayerIsNobody() {
        assertThat(session.identity()).isNull();
        assertThat(session.isGuest()).isFalse();
        assertThat(session.isLoggedIn()).isFalse();
    }

    @Test
    void aGuestIsItsOwnSession() {
        session.loggedIn("alice", PlayerIdentity.guest(session));

        assertThat(session.identity()).isEqualTo(PlayerIdentity.guest(session));
        assertThat(session.identity().key()).isEqualTo("guest:" + session.id());
        assertThat(session.isGuest()).isTrue();
        assertThat(session.user()).isEqualTo("alice");
    }

    @Test
    void anAccountIsItsIdInEverySession() {
        session.loggedIn("bob", PlayerIdentity.account(42));
        other.loggedIn("bob", PlayerIdentity.account(42));

        assertThat(session.identity()).isEqualTo(PlayerIdentity.account(42)).isEqualTo(other.identity());
        assertThat(session.identity().accountId()).hasValue(42);
        assertThat(session.isGuest()).isFalse();
    }

    @Test
    void aSessionCannotLogInAsAnotherSessionsGuest() {
        assertThatThrownBy(() -> session.loggedIn("mallory", PlayerIdentity.guest(other)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(session.identity()).isNull();
    }

    @Test
    void sessionIdsAre22UrlSafeCharactersAndNeverRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = Session.newId();
            assertThat(id).matches("[A-Za-z0-9_-]{22}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }
}
