package io.tavern.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The slash commands, as {@code /help} lists them and tab completion offers them. A few exist only in
 * scripts ({@link Audience#SCRIPTS}): a person at the prompt has no use for them, so the interactive
 * mode neither lists nor accepts them.
 */
public enum CommandCatalog {
    HELP("/help", "", "list the commands", Completes.NOTHING),
    ROOMS("/rooms", "[FILTER]", "list the open rooms, or those whose name contains FILTER", Completes.NOTHING),
    CREATE("/create", "NAME [--max N] [--private] [--password [PW]]",
            "create a room and enter it; NAME may hold spaces; --password alone asks for it", Completes.NOTHING),
    JOIN("/join", "NAME [--password [PW]]", "enter a room; a password room asks for its password", Completes.ROOMS),
    LEAVE("/leave", "", "leave your room for the lobby", Completes.NOTHING),
    WHO("/who", "", "the members of your room, or the online users in the lobby", Completes.NOTHING),
    WHISPER("/w", "USER TEXT", "whisper to one user", Completes.USERS),
    READY("/ready", "[on|off]", "say you are ready (or not) to play", Completes.NOTHING),
    START("/start", "", "start the game (owner, everyone ready)", Completes.NOTHING),
    END("/end", "", "end the game (owner)", Completes.NOTHING),
    KICK("/kick", "USER [REASON]", "remove a member from your room (owner)", Completes.USERS),
    REPORT("/report", "USER REASON", "report a player to the server's operators", Completes.USERS),
    HISTORY("/history", "[N]", "the last N messages of your room or the lobby", Completes.NOTHING),
    QUIT("/quit", "", "leave Tavern", Completes.NOTHING),
    SLEEP("/sleep", "MS", "pause for MS milliseconds", Completes.NOTHING, Audience.SCRIPTS),
    WAIT("/wait", "TYPE [TIMEOUT_MS]", "wait for an event of TYPE (chat, member, game...)", Completes.NOTHING,
            Audience.SCRIPTS);

    /** Who may use a command. */
    public enum Audience { EVERYONE, SCRIPTS }

    /** What the first argument of a command names, for tab completion. */
    public enum Completes { NOTHING, ROOMS, USERS }

    private final String name;
    private final String arguments;
    private final String summary;
    private final Completes completes;
    private final Audience audience;

    CommandCatalog(String name, String arguments, String summary, Completes completes) {
        this(name, arguments, summary, completes, Audience.EVERYONE);
    }

    CommandCatalog(String name, String arguments, String summary, Completes completes, Audience audience) {
        this.name = name;
        this.arguments = arguments;
        this.summary = summary;
        this.completes = completes;
        this.audience = audience;
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

    /** Whether a person at the prompt may use it (else only scripts may). */
    public boolean interactive() {
        return audience == Audience.EVERYONE;
    }

    /** The commands a script may run: all of them. */
    public static List<CommandCatalog> forScripts() {
        return List.of(values());
    }

    /** The commands of the interactive mode. */
    public static List<CommandCatalog> forInteractive() {
        return Arrays.stream(values()).filter(CommandCatalog::interactive).toList();
    }
}
