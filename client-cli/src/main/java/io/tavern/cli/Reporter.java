package io.tavern.cli;

import tools.jackson.databind.node.ObjectNode;

/**
 * The one way events and replies leave the CLI: first the session state learns from them, then
 * the output shows them, then scripted waits count them. Keeping that order means the prompt and
 * completion already reflect an event when it is shown.
 */
public final class Reporter {

    private final SessionState state;
    private final Output output;
    private final EventWaits waits;

    public Reporter(SessionState state, Output output, EventWaits waits) {
        this.state = state;
        this.output = output;
        this.waits = waits;
    }

    public void report(ObjectNode event) {
        state.observe(event);
        output.emit(event);
        waits.record(event.path("type").asString());
    }

    public SessionState state() {
        return state;
    }

    public EventWaits waits() {
        return waits;
    }
}
