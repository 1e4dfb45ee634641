package io.tavern.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The slash commands, as {@code /help} lists them and tab completion offers them. */
public enum CommandCatalog {
    HELP("/help", "", "list the commands", Completes.NOTHING),
    ROOMS("/rooms", "[filter]", "list the open rooms, optionally those whose name contains filter", Completes.NOTHING),
    CREATE("/create", "NAME [--max N] [--private] [--password [PW]]", "create a room and enter it", Completes.NOTHING),
    JOIN("/join", "NAME [--password [PW]]", "enter a room", Completes.ROOMS),
    LEAVE("/leave", "", "leave your room for the lobby", Completes.NOTHING),
    WHO("/who", "", "the members of your room, or the online users in the lobby", Completes.NOTHING),
    WHISPER("/w", "USER TEXT", "whisper to one user", Completes.USERS),
    READY("/ready", "[on|off]", "say you are ready (or not) to play", Completes.NOTHING),
    START("/start", "", "start the game (owner, everyone ready)", Completes.NOTHING),
    END("/end", "", "end the game (owner)", Completes.NOTHING),
    KICK("/kick", "USER [REASON]", "remove a member from your room (owner)", Completes.USERS),
    HISTORY("/history", "[N]", "the last N messages of your room or the lobby", Completes.NOTHING),
    QUIT("/quit", "", "leave Tavern", Completes.NOTHING),
    SLEEP("/sleep", "MS", "scripts: pause for MS milliseconds", Completes.NOTHING),
    WAIT("/wait", "TYPE [TIMEOUT_MS]", "scripts: wait for an event of TYPE (chat, member, game...)", Completes.NOTHING);

    /** What the first argument of a command names, for tab completion. */
    public enum Completes { NOTHING, ROOMS, USERS }

    private final String name;
    private final String arguments;
    private final String summary;
    private final Completes completes;

    CommandCatalog(String name, String arguments, String summary, Completes completes) {
        this.name = name;
        this.arguments = arguments;
        this.summary = summary;
        this.completes = completes;
    }

    public String commandName() {
        return name;
    }

    public String usage() {
        return arguments.isEmpty() ? name : name + " " + arguments;
    }

    public String summary() {
        return summary;
    }

    public Completes completes() {
        return completes;
    }

    public static Optional<CommandCatalog> byName(String name) {
        return Arrays.stream(values()).filter(c -> c.name.equalsIgnoreCase(name)).findFirst();
    }

    public static List<CommandCatalog> all() {
        return List.of(values());
    }
}
