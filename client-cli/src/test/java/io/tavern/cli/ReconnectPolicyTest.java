package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.cli.CliSession.OpenFailure;
import io.tavern.cli.ReconnectPolicy.Decision;
import io.tavern.client.DisconnectInfo;
import io.tavern.client.DisconnectReason;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import org.junit.jupiter.api.Test;

/** When the interactive mode may connect again: one table, for the ends of a session and for failed attempts. */
class ReconnectPolicyTest {

    private final ReconnectPolicy policy = new ReconnectPolicy();

    private Decision after(DisconnectReason reason) {
        return policy.afterDisconnect(new DisconnectInfo(reason, "", null, null));
    }

    private Decision refused(ErrorCode code) {
        return policy.afterFailedOpen(new OpenFailure.Refused(Error.newBuilder().setCode(code).build()));
    }

    private Decision unreachable(ConnectionTrouble.Kind kind) {
        return policy.afterFailedOpen(new OpenFailure.Unreachable(new ConnectionTrouble(kind, "")));
    }

    @Test
    void aBanIsFinalAndSoIsTheUsersOwnQuit() {
        assertThat(after(DisconnectReason.BANNED)).isEqualTo(Decision.GIVE_UP);
        assertThat(after(DisconnectReason.CLIENT_QUIT)).isEqualTo(Decision.GIVE_UP);
        assertThat(after(DisconnectReason.CLOSED)).isEqualTo(Decision.GIVE_UP);
    }

    @Test
    void aPlayerTheServerSentAwayReconnectsOnlyWhenAsked() {
        assertThat(after(DisconnectReason.KICKED)).isEqualTo(Decision.ASK);
        assertThat(after(DisconnectReason.FLOODING)).isEqualTo(Decision.ASK);
        assertThat(after(DisconnectReason.PROTOCOL_ERROR)).isEqualTo(Decision.ASK);
    }

    @Test
    void troubleThatMayPassIsRetried() {
        assertThat(after(DisconnectReason.SERVER_SHUTDOWN)).isEqualTo(Decision.RETRY);
        assertThat(after(DisconnectReason.NETWORK)).isEqualTo(Decision.RETRY);
        assertThat(after(DisconnectReason.IDLE_TIMEOUT)).isEqualTo(Decision.RETRY);
        assertThat(after(DisconnectReason.SLOW_CONSUMER)).isEqualTo(Decision.RETRY);
        assertThat(refused(ErrorCode.SERVER_FULL)).isEqualTo(Decision.RETRY);
        assertThat(refused(ErrorCode.SERVER_SHUTTING_DOWN)).isEqualTo(Decision.RETRY);
        assertThat(refused(ErrorCode.NAME_TAKEN)).as("the lost session may still hold the name").isEqualTo(Decision.RETRY);
        assertThat(unreachable(ConnectionTrouble.Kind.REFUSED)).as("a restarting server").isEqualTo(Decision.RETRY);
        assertThat(unreachable(ConnectionTrouble.Kind.TIMEOUT)).isEqualTo(Decision.RETRY);
    }

    @Test
    void anAttemptThatWouldMeetTheSameAnswerIsNotRepeated() {
        assertThat(refused(ErrorCode.BANNED)).isEqualTo(Decision.GIVE_UP);
        assertThat(refused(ErrorCode.INVALID_CREDENTIALS)).isEqualTo(Decision.GIVE_UP);
        assertThat(refused(ErrorCode.TOO_MANY_ATTEMPTS)).isEqualTo(Decision.GIVE_UP);
        assertThat(refused(ErrorCode.UNSUPPORTED_VERSION)).isEqualTo(Decision.GIVE_UP);
        assertThat(refused(ErrorCode.GUESTS_DISABLED)).isEqualTo(Decision.GIVE_UP);
        assertThat(unreachable(ConnectionTrouble.Kind.UNKNOWN_HOST)).isEqualTo(Decision.GIVE_UP);
        assertThat(unreachable(ConnectionTrouble.Kind.NOT_TAVERN)).isEqualTo(Decision.GIVE_UP);
    }
}
