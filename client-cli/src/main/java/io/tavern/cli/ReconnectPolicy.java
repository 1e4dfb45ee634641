package io.tavern.cli;

import io.tavern.cli.CliSession.OpenFailure;
import io.tavern.client.DisconnectInfo;
import io.tavern.protocol.v1.ErrorCode;
import java.util.Set;

/**
 * Whether the interactive mode may connect again, decided here and nowhere else: after a session
 * ended, and after an attempt to open one failed.
 *
 * <ul>
 *   <li>{@link Decision#RETRY}: the trouble may pass (a restart, a lost network, a full server);
 *       {@code --reconnect} retries by itself with back-off, else the user is asked.</li>
 *   <li>{@link Decision#ASK}: the server sent this user away (a kick, flooding): never by itself,
 *       only when the user says so.</li>
 *   <li>{@link Decision#GIVE_UP}: trying again cannot help, and offering it would only loop (a ban,
 *       wrong credentials, an unknown host, a port that is not Tavern's, the user's own quit).</li>
 * </ul>
 */
final class ReconnectPolicy {

    enum Decision { RETRY, ASK, GIVE_UP }

    /** Refusals that another attempt would meet again. */
    private static final Set<ErrorCode> FINAL_REFUSALS = Set.of(
            ErrorCode.BANNED, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.GUESTS_DISABLED, ErrorCode.INVALID_NAME,
            ErrorCode.INVALID_CREDENTIALS, ErrorCode.TOO_MANY_ATTEMPTS, ErrorCode.INVALID_ARGUMENT,
            ErrorCode.ALREADY_LOGGED_IN);

    /** After a session ended. */
    Decision afterDisconnect(DisconnectInfo info) {
        return switch (info.reason()) {
            case BANNED, CLIENT_QUIT, CLOSED -> Decision.GIVE_UP;
            case KICKED, FLOODING, PROTOCOL_ERROR -> Decision.ASK;
            case SERVER_SHUTDOWN, SLOW_CONSUMER, IDLE_TIMEOUT, NETWORK, UNSPECIFIED -> Decision.RETRY;
        };
    }

    /** After connecting or logging in failed. */
    Decision afterFailedOpen(OpenFailure failure) {
        if (failure instanceof OpenFailure.Refused refused) {
            return FINAL_REFUSALS.contains(refused.error().getCode()) ? Decision.GIVE_UP : Decision.RETRY;
        }
        return switch (((OpenFailure.Unreachable) failure).trouble().kind()) {
            case UNKNOWN_HOST, NOT_TAVERN -> Decision.GIVE_UP;
            case REFUSED, TIMEOUT, UNREACHABLE, SILENT, CLOSED, NETWORK -> Decision.RETRY;
        };
    }
}
