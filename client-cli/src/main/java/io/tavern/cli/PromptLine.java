package io.tavern.cli;

import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The chat prompt, "alice@den> ": who you are and where. It follows the session state the moment
 * the state changes, not at the next Enter: kicked from a room, the room closed, a room joined, the
 * line being typed is redrawn behind the new prompt at once.
 *
 * <p>Invariant: the prompt on screen is never older than the state. Both ways it is set run under
 * JLine's lock: {@link LineReader#CALLBACK_INIT} as each read starts, and {@link #redraw} (a widget,
 * from any thread) while a read is under way. A change that finds no read under way is drawn by the
 * next read's start, which comes after it.
 */
final class PromptLine {

    private static final String REDRAW_WIDGET = "tavern-redraw-prompt";

    private final LineReaderImpl reader;
    private final Terminal terminal;
    private final SessionState state;
    private volatile String shown = "";

    private PromptLine(LineReaderImpl reader, Terminal terminal, SessionState state) {
        this.reader = reader;
        this.terminal = terminal;
        this.state = state;
    }

    /** Makes every read of {@code reader} show the prompt for {@code state}. */
    static PromptLine install(LineReaderImpl reader, Terminal terminal, SessionState state) {
        PromptLine prompt = new PromptLine(reader, terminal, state);
        reader.getWidgets().put(LineReader.CALLBACK_INIT, prompt::set);
        reader.getWidgets().put(REDRAW_WIDGET, prompt::redraw);
        return prompt;
    }

    /** Wraps {@code output}: after each event is shown, the prompt follows the state it changed. */
    Output following(Output output) {
        return event -> {
            output.emit(event);
            if (!text().equals(shown)) {
                try {
                    reader.callWidget(REDRAW_WIDGET);
                } catch (IllegalStateException notReading) {
                    // No read under way: the next one starts with the new prompt.
                }
            }
        };
    }

    private boolean set() {
        shown = text();
        reader.setPrompt(shown);
        return true;
    }

    /** Redisplays the line with the new prompt: JLine compares it with what is on screen and clears what is left over. */
    private boolean redraw() {
        set();
        reader.callWidget(LineReader.REDISPLAY);
        return true;
    }

    private String text() {
        // Both names come from the server: printed as the event lines print them.
        String user = state.user() == null ? "?" : TerminalText.visible(state.user());
        String where = state.room() == null ? "lobby" : TerminalText.visible(state.room());
        return new AttributedStringBuilder()
                .styled(UserColors.of(user), user)
                .styled(AttributedStyle.DEFAULT.faint(), "@")
                .styled(AttributedStyle.BOLD, where)
                .append("> ")
                .toAnsi(terminal);
    }
}
