package io.tavern.cli;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: the interactive commands' names for the first word of a slash command, room
 * names after {@code /join} (spaces and all, see {@link CompletionParser}; quoted if the user began
 * with a quote), user names after {@code /w} and {@code /kick} and anywhere in a chat line.
 */
final class TavernCompleter implements Completer {

    private final SessionState state;
    private final CompletionNames names;

    TavernCompleter(SessionState state, CompletionNames names) {
        this.state = state;
        this.names = names;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        names.refreshIfStale();
        List<String> words = line.words();
        String first = words.isEmpty() ? "" : words.get(0);
        if (line.wordIndex() == 0 && first.startsWith("/")) {
            for (CommandCatalog command : CommandCatalog.forInteractive()) {
                candidates.add(new Candidate(command.commandName(), command.commandName(), null,
                        command.summary(), null, null, true));
            }
            return;
        }
        if (!first.startsWith("/")) {
            state.knownUsers().forEach(user -> candidates.add(new Candidate(user)));
            return;
        }
        if (line.wordIndex() != 1) {
            return;
        }
        CommandCatalog.byName(first).ifPresent(command -> {
            switch (command.completes()) {
                case ROOMS -> {
                    boolean quoting = line.word().startsWith("\"");
                    state.knownRooms().forEach(room -> candidates.add(new Candidate(quoting ? '"' + room + '"' : room)));
                }
                case USERS -> state.knownUsers().forEach(user -> candidates.add(new Candidate(user)));
                default -> {
                }
            }
        });
    }
}
