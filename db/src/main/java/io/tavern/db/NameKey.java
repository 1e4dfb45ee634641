package io.tavern.db;

import java.util.Locale;
import java.util.Objects;

/**
 * The case-insensitive key of a user name: names are unique regardless of case, and H2 has no index on
 * {@code lower(name)}, so tables store this key beside the name as typed.
 */
public final class NameKey {

    /** Width of the name columns. The protocol allows 2-24 characters; the schema leaves room. */
    public static final int MAX_LENGTH = 64;

    private NameKey() {
    }

    /**
     * @throws IllegalArgumentException for an empty or over-long name, or one with whitespace, control
     *     characters or ':' (the separator of whisper keys); the protocol allows none of them
     */
    public static String of(String name) {
        return requireValid(name).toLowerCase(Locale.ROOT);
    }

    /**
     * Checks a name as {@link #of} does, without making its key: for a hot path that only stores the name.
     *
     * @return {@code name}
     * @throws IllegalArgumentException as {@link #of}
     */
    public static String requireValid(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a name has 1 to " + MAX_LENGTH + " characters: '" + name + "'");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw new IllegalArgumentException("a name has no whitespace, control character or ':': '" + name + "'");
            }
        }
        return name;
    }
}
