package io.tavern.cli;

import tools.jackson.databind.node.ObjectNode;

/** Where the CLI's events and replies go: JSON lines or human-readable text. Thread-safe. */
public interface Output {

    void emit(ObjectNode event);
}
