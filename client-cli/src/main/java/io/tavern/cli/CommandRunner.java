package io.tavern.cli;

import io.tavern.client.ConnectionClosedException;
import io.tavern.client.RequestTimeoutException;
import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.client.UnexpectedReplyException;
import io.tavern.protocol.v1.ChatScope;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.protocol.v1.History;
import io.tavern.protocol.v1.ListOnlineUsers;
import io.tavern.protocol.v1.ListRooms;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Carries out one input line, interactive or scripted alike: sends the request, and reports the
 * reply (or the error) once it arrives. The returned future completes after the reply was
 * reported, never exceptionally, so a script can wait for it before its next line. A line that
 * needs the user (a room's password) asks on the calling thread, never on the event loop.
 */
final class CommandRunner {

    /** What the caller does after a line. */
    enum Next { CONTINUE, QUIT }

    /** Asks the user for a secret, masked; null where nobody can be asked (scripts) or the user gave up. */
    @FunctionalInterface
    interface SecretPrompt {
        String readSecret(String prompt);
    }

    static final int DEFAULT_HISTORY = 20;
    static final long DEFAULT_WAIT_MILLIS = 10_000;
    /** Wrong room passwords after which joining gives up rather than asking again. */
    static final int WRONG_ROOM_PASSWORDS = 2;

    private static final CompletableFuture<Next> CONTINUE = CompletableFuture.completedFuture(Next.CONTINUE);

    private final TavernClient client;
    private final Reporter reporter;
    private final SecretPrompt secrets;
    private final List<CommandCatalog> commands;

    private CommandRunner(TavernClient client, Reporter reporter, SecretPrompt secrets, List<CommandCatalog> commands) {
        this.client = client;
        this.reporter = reporter;
        this.secrets = secrets;
        this.commands = List.copyOf(commands);
    }

    /** For a person at the prompt: interactive commands only; passwords are asked on {@code secrets}. */
    static CommandRunner interactive(TavernClient client, Reporter reporter, SecretPrompt secrets) {
        return new CommandRunner(client, reporter, secrets, CommandCatalog.forInteractive());
    }

    /** For a script: every command; nobody to ask, so a password must be on the line. */
    static CommandRunner scripted(TavernClient client, Reporter reporter) {
        return new CommandRunner(client, reporter, prompt -> null, CommandCatalog.forScripts());
    }

    CompletableFuture<Next> run(String line) throws InterruptedException {
        InputLine input = InputLine.parse(line);
        if (input instanceof InputLine.Chat chat) {
            return say(chat.text());
        }
        if (input instanceof InputLine.Command command) {
            return command(command);
        }
        return CONTINUE;
    }

    private CompletableFuture<Next> say(String text) {
        ChatScope scope = reporter.state().inRoom() ? ChatScope.ROOM : ChatScope.LOBBY;
        return acked("chat", client.sendChat(scope, null, text));
    }

    private CompletableFuture<Next> command(InputLine.Command command) throws InterruptedException {
        CommandCatalog known = CommandCatalog.byName(command.name()).orElse(null);
        if (known == null) {
            return usage(command.name(), "unknown command " + command.name() + "; /help lists them");
        }
        if (!commands.contains(known)) {
            return usage(command.name(), known.commandName() + " is for scripts; /help lists the commands");
        }
        return switch (known) {
            case HELP -> {
                reporter.report(JsonEvents.help(commands));
                yield CONTINUE;
            }
            case ROOMS -> handled("rooms", client.listRooms(ListRooms.newBuilder()
                    .setNameContains(String.join(" ", command.args())).build()),
                    list -> reporter.report(JsonEvents.rooms(list)));
            case CREATE -> create(command);
            case JOIN -> join(command);
            case LEAVE -> {
                String room = reporter.state().room();
                yield handled("leave", client.leaveRoom(), ok -> reporter.report(JsonEvents.left(room, "left", null, null)));
            }
            case WHO -> who();
            case WHISPER -> {
                String to = command.arg(0);
                String text = command.textAfter(1);
                if (to == null || text.isEmpty()) {
                    yield usage(known);
                }
                yield acked("whisper", client.sendChat(ChatScope.WHISPER, to, text));
            }
            case READY -> ready(command);
            case START -> handled("start", client.startGame(), ok -> reporter.report(JsonEvents.ack("start")));
            case END -> handled("end", client.endGame(), ok -> reporter.report(JsonEvents.ack("end")));
            case KICK -> {
                String user = command.arg(0);
                if (user == null) {
                    yield usage(known);
                }
                yield handled("kick", client.kick(user, command.textAfter(1)),
                        ok -> reporter.report(JsonEvents.ack("kick").put("user", user)));
            }
            case REPORT -> {
                String user = command.arg(0);
                String reason = command.textAfter(1);
                if (user == null || reason.isEmpty()) {
                    yield usage(known);
                }
                yield handled("report", client.report(user, reason),
                        ok -> reporter.report(JsonEvents.ack("report").put("user", user)));
            }
            case HISTORY -> history(command);
            case QUIT -> CompletableFuture.completedFuture(Next.QUIT);
            case SLEEP -> sleep(command);
            case WAIT -> await(command);
        };
    }

    private CompletableFuture<Next> create(InputLine.Command command) {
        RoomArguments room;
        try {
            room = RoomArguments.parse(command.args(), true);
        } catch (IllegalArgumentException e) {
            return usage(CommandCatalog.CREATE, e.getMessage());
        }
        CreateRoom.Builder create = CreateRoom.newBuilder().setName(room.name()).setPrivate(room.isPrivate());
        if (room.capacity() > 0) {
            create.setCapacity(room.capacity());
        }
        String password = room.password();
        if (password == null && room.passwordWanted()) {
            password = secrets.readSecret("Password for the new room " + room.name() + ": ");
            if (password == null || password.isEmpty()) {
                return usage(CommandCatalog.CREATE, "no password given (in a script: --password PW)");
            }
        }
        if (password != null) {
            create.setPassword(password);
        }
        return handled("create", client.createRoom(create.build()), details -> reporter.report(JsonEvents.joined(details, true)));
    }

    private CompletableFuture<Next> join(InputLine.Command command) throws InterruptedException {
        RoomArguments room;
        try {
            room = RoomArguments.parse(command.args(), false);
        } catch (IllegalArgumentException e) {
            return usage(CommandCatalog.JOIN, e.getMessage());
        }
        return join(room.name(), room.password());
    }

    /**
     * Joins {@code room}. A password room refused without a password asks for it, and a wrong
     * password asks once more, where someone can be asked; a script is told how to give it. Runs on
     * the caller's thread (asking blocks), and completes after the outcome was reported.
     */
    CompletableFuture<Next> join(String room, String password) throws InterruptedException {
        String attempt = password;
        int wrong = 0;
        while (true) {
            Throwable failure;
            try {
                reporter.report(JsonEvents.joined(client.joinRoom(room, attempt).get(), false));
                return CONTINUE;
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
            if (!(failure instanceof ServerErrorException refused) || refused.code() != ErrorCode.WRONG_PASSWORD) {
                reportFailure("join", failure);
                return CONTINUE;
            }
            wrong += attempt == null ? 0 : 1;
            String next = wrong >= WRONG_ROOM_PASSWORDS ? null : secrets.readSecret(attempt == null
                    ? "Password for room " + room + ": "
                    : "Wrong password for " + room + "; once more: ");
            if (next == null || next.isEmpty()) {
                reporter.report(withCommand(JsonEvents.error(ErrorCode.WRONG_PASSWORD.name(), attempt == null
                        ? room + " has a password: /join " + quoted(room) + " --password PW"
                        : "wrong password for " + room), "join"));
                return CONTINUE;
            }
            attempt = next;
        }
    }

    /** A room name as it can be typed back: quoted when it holds a space. */
    private static String quoted(String room) {
        return room.chars().anyMatch(Character::isWhitespace) ? '"' + room + '"' : room;
    }

    private CompletableFuture<Next> who() {
        String room = reporter.state().room();
        if (room != null) {
            return handled("who", client.listMembers(), list -> reporter.report(JsonEvents.members(room, list)));
        }
        return handled("who", client.listOnlineUsers(ListOnlineUsers.getDefaultInstance()),
                list -> reporter.report(JsonEvents.users(list)));
    }

    private CompletableFuture<Next> ready(InputLine.Command command) {
        String arg = command.arg(0);
        boolean ready = arg == null || arg.equalsIgnoreCase("on") || arg.equalsIgnoreCase("yes");
        if (!ready && !arg.equalsIgnoreCase("off") && !arg.equalsIgnoreCase("no")) {
            return usage(CommandCatalog.READY);
        }
        return handled("ready", client.setReady(ready),
                ok -> reporter.report(JsonEvents.ack("ready").put("ready", ready)));
    }

    private CompletableFuture<Next> history(InputLine.Command command) {
        int limit;
        try {
            limit = command.arg(0) == null ? DEFAULT_HISTORY : Integer.parseInt(command.arg(0));
        } catch (NumberFormatException e) {
            return usage(CommandCatalog.HISTORY);
        }
        if (limit <= 0) {
            return usage(CommandCatalog.HISTORY);
        }
        String room = reporter.state().room();
        // In a room, the room's history (room_id empty = the sender's room); in the lobby, the lobby's.
        History query = History.newBuilder()
                .setScope(room != null ? ChatScope.ROOM : ChatScope.LOBBY)
                .setLimit(limit)
                .build();
        String scope = room != null ? "room" : "lobby";
        return handled("history", client.history(query),
                page -> reporter.report(JsonEvents.history(scope, room, page.getMessagesList())));
    }

    private CompletableFuture<Next> sleep(InputLine.Command command) throws InterruptedException {
        long millis;
        try {
            millis = Long.parseLong(command.arg(0) == null ? "" : command.arg(0));
        } catch (NumberFormatException e) {
            return usage(CommandCatalog.SLEEP);
        }
        // Ends early when the connection closes: the script is over then.
        // copy(): the time-out must complete a future of our own, never the client's closeFuture.
        client.closeFuture().copy().completeOnTimeout(null, millis, TimeUnit.MILLISECONDS).join();
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return CONTINUE;
    }

    private CompletableFuture<Next> await(InputLine.Command command) throws InterruptedException {
        String type = command.arg(0);
        long timeout;
        try {
            timeout = command.arg(1) == null ? DEFAULT_WAIT_MILLIS : Long.parseLong(command.arg(1));
        } catch (NumberFormatException e) {
            return usage(CommandCatalog.WAIT);
        }
        if (type == null) {
            return usage(CommandCatalog.WAIT);
        }
        if (!reporter.waits().await(type, timeout) && client.isOpen()) {
            reporter.report(JsonEvents.error("WAIT_TIMEOUT", "no " + type + " event within " + timeout + " ms")
                    .put("command", "wait"));
        }
        return CONTINUE;
    }

    /** A chat-like request whose reply is an Ack or an Error. */
    private CompletableFuture<Next> acked(String command, CompletableFuture<Envelope> reply) {
        return handled(command, reply, envelope -> {
            if (envelope.hasError()) {
                reporter.report(withCommand(JsonEvents.error(envelope.getError()), command));
            } else {
                reporter.report(JsonEvents.ack(command));
            }
        });
    }

    private <T> CompletableFuture<Next> handled(String command, CompletableFuture<T> reply, Consumer<T> onSuccess) {
        return reply.handle((result, failure) -> {
            if (failure == null) {
                onSuccess.accept(result);
            } else {
                reportFailure(command, failure instanceof CompletionException ? failure.getCause() : failure);
            }
            return Next.CONTINUE;
        });
    }

    private void reportFailure(String command, Throwable failure) {
        if (failure instanceof ServerErrorException error) {
            reporter.report(withCommand(JsonEvents.error(error.error()), command));
        } else if (failure instanceof ConnectionClosedException) {
            // The "disconnected" event says why; nothing more to add.
        } else if (failure instanceof RequestTimeoutException timeout) {
            reporter.report(withCommand(JsonEvents.error("TIMEOUT", timeout.getMessage()), command));
        } else if (failure instanceof UnexpectedReplyException unexpected) {
            reporter.report(withCommand(JsonEvents.error("UNEXPECTED_REPLY", unexpected.getMessage()), command));
        } else {
            reporter.report(withCommand(JsonEvents.error("CLIENT_ERROR", String.valueOf(failure)), command));
        }
    }

    private CompletableFuture<Next> usage(CommandCatalog command) {
        return usage(command, "usage: " + command.usage());
    }

    private CompletableFuture<Next> usage(CommandCatalog command, String message) {
        return usage(command.commandName(), message + " (usage: " + command.usage() + ")");
    }

    private CompletableFuture<Next> usage(String command, String message) {
        reporter.report(withCommand(JsonEvents.error("USAGE", message), command.replaceFirst("^/", "")));
        return CONTINUE;
    }

    private static ObjectNode withCommand(ObjectNode error, String command) {
        return error.put("command", command);
    }
}
