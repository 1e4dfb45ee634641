package io.tavern.server.config;

import io.tavern.server.config.UnknownKeysCheck.UnknownKey;
import java.util.List;
import java.util.stream.Collectors;

/** {@code tavern.*} keys the server does not know, found at start by {@link UnknownKeysCheck}. */
public final class UnknownConfigurationKeysException extends RuntimeException {

    private final List<UnknownKey> keys;

    public UnknownConfigurationKeysException(List<UnknownKey> keys) {
        super("unknown settings: " + keys.stream().map(UnknownKey::describe).collect(Collectors.joining(", ")));
        this.keys = List.copyOf(keys);
    }

    public List<UnknownKey> keys() {
        return keys;
    }
}
