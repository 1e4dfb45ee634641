package io.tavern.server.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports a start-up failure as one line, {@code Tavern cannot start: <what and where>; <how to fix it>},
 * logged at ERROR. Spring Boot's own reporter (a banner and a dozen lines) is silenced in
 * {@code application.yaml}; the stack trace stays available at DEBUG on this class's logger.
 */
public final class OneLineFailureReporter implements FailureAnalysisReporter {

    private static final Logger log = LoggerFactory.getLogger(OneLineFailureReporter.class);

    public static final String PREFIX = "Tavern cannot start: ";

    @Override
    public void report(FailureAnalysis analysis) {
        log.debug("The start-up failure in full", analysis.getCause());
        log.error("{}", line(analysis));
    }

    static String line(FailureAnalysis analysis) {
        String action = analysis.getAction();
        return PREFIX + oneLine(analysis.getDescription())
                + (action == null || action.isBlank() ? "" : "; " + oneLine(action));
    }

    /** Spring Boot's own analyses span lines; joined, they still read as one. */
    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
