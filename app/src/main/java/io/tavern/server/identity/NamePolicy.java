package io.tavern.server.identity;

import java.util.regex.Pattern;

/** What a player name may look like: 2-24 letters, digits, '_' or '-'. Shared by guests and accounts. */
public final class NamePolicy {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{2,24}");

    private NamePolicy() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String describe() {
        return "names are 2-24 characters: letters, digits, '_' and '-'";
    }
}
