package io.tavern.cli;

import io.tavern.client.DisconnectReason;
import java.util.Locale;

/** Plain words for error codes and disconnect reasons, for people; scripts read the codes. */
final class ErrorWording {

    private ErrorWording() {
    }

    static String error(String code) {
        return switch (code) {
            case "UNSUPPORTED_VERSION" -> "This client speaks a protocol version the server does not.";
            case "FRAME_TOO_LARGE" -> "That was too big to send.";
            case "NOT_LOGGED_IN" -> "Log in first.";
            case "ALREADY_LOGGED_IN" -> "You are logged in already.";
            case "INVALID_ARGUMENT" -> "The server did not accept that.";
            case "SERVER_FULL" -> "The server is full; try again later.";
            case "TOO_MANY_CONNECTIONS" -> "Too many connections from your address.";
            case "NAME_TAKEN" -> "That name is taken.";
            case "INVALID_NAME" -> "Names are 2-24 letters, digits, '_' or '-'.";
            case "INVALID_CREDENTIALS" -> "Unknown account or wrong password.";
            case "TOO_MANY_ATTEMPTS" -> "Too many failed logins; wait a little.";
            case "GUESTS_DISABLED" -> "Guests may not log in on this server.";
            case "BANNED" -> "You are banned.";
            case "RATE_LIMITED" -> "Slow down.";
            case "MESSAGE_TOO_LONG" -> "That message is too long.";
            case "EMPTY_MESSAGE" -> "That message is empty.";
            case "MESSAGE_REJECTED" -> "That message was refused.";
            case "MUTED" -> "You are muted.";
            case "USER_NOT_FOUND" -> "No such user here.";
            case "ROOM_NOT_FOUND" -> "No such room.";
            case "ROOM_FULL" -> "That room is full.";
            case "WRONG_PASSWORD" -> "Wrong room password.";
            case "ROOM_IN_GAME" -> "That room is playing; wait until the game ends.";
            case "ALREADY_IN_ROOM" -> "You are in a room already; /leave first.";
            case "NOT_IN_ROOM" -> "You are not in a room.";
            case "NOT_OWNER" -> "Only the room's owner may do that.";
            case "NOT_ALL_READY" -> "Not everyone is ready.";
            case "NOT_ENOUGH_PLAYERS" -> "Not enough players to start.";
            case "ROOM_NAME_TAKEN" -> "A room is named so already.";
            case "INVALID_STATE" -> "Not possible in the room's current state.";
            case "SERVER_BUSY" -> "The server is busy; try again.";
            case "SERVER_SHUTTING_DOWN" -> "The server is shutting down.";
            case "INTERNAL" -> "The server failed; it was logged.";
            case "USAGE" -> "Not quite.";
            case "TIMEOUT" -> "No answer from the server in time.";
            case "WAIT_TIMEOUT" -> "Waited in vain.";
            case "CONNECT_FAILED" -> "Could not connect.";
            default -> sentence(code);
        };
    }

    static String disconnect(String reason) {
        DisconnectReason known;
        try {
            known = DisconnectReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            return sentence(reason);
        }
        return switch (known) {
            case SERVER_SHUTDOWN -> "the server is shutting down";
            case SLOW_CONSUMER -> "this client did not keep up with the messages (slow consumer)";
            case KICKED -> "an operator kicked you";
            case BANNED -> "you are banned";
            case IDLE_TIMEOUT -> "idle for too long";
            case PROTOCOL_ERROR -> "a protocol error";
            case FLOODING -> "flooding";
            case CLIENT_QUIT, CLOSED -> "you left";
            case NETWORK -> "the connection was lost";
            case UNSPECIFIED -> "the server closed the session";
        };
    }

    private static String sentence(String code) {
        String words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return words.isEmpty() ? "Error." : Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
    }
}
