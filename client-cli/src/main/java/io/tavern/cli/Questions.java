package io.tavern.cli;

import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * What the interactive mode asks outside the chat line: a name, a password, yes or no. Read on a
 * line reader of its own that keeps no history, so no answer (a password least of all) ever
 * reaches the chat line's history. Each question answers null when the user gives up (Ctrl-C,
 * Ctrl-D) or the connection is lost meanwhile.
 */
final class Questions {

    /** Shown for each character of a secret: the user sees that typing works, not what was typed. */
    private static final char MASK = '*';

    private final LineReader reader;

    Questions(Terminal terminal) {
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .variable(LineReader.DISABLE_HISTORY, true)
                .build();
    }

    /** A line of text, stripped; null when the user gave up. */
    String ask(String prompt) {
        try {
            return reader.readLine(prompt).strip();
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    /** A secret, masked as it is typed; null when the user gave up. */
    String askSecret(String prompt) {
        try {
            return reader.readLine(prompt, MASK);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    /** Tells the user something between questions. */
    void tell(String text) {
        reader.printAbove(text);
    }

    /** Yes or no; Enter alone answers {@code byDefault}; giving up answers no. */
    boolean confirm(String question, boolean byDefault) {
        String answer = ask(question + (byDefault ? " [Y/n] " : " [y/N] "));
        if (answer == null) {
            return false;
        }
        String word = answer.toLowerCase(Locale.ROOT);
        return word.isEmpty() ? byDefault : word.startsWith("y");
    }
}
