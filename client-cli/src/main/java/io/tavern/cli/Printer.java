package io.tavern.cli;

import java.io.PrintWriter;
import org.jline.utils.AttributedString;

/** Shows a (possibly multi-line) styled text to the user. Thread-safe. */
@FunctionalInterface
public interface Printer {

    void print(AttributedString text);

    /** To a stream: ANSI styles when {@code colour}, plain text otherwise (pipes, files). */
    static Printer to(PrintWriter out, boolean colour) {
        return text -> {
            String line = colour ? text.toAnsi() : text.toString();
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
    }
}
