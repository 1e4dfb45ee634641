package io.tavern.server.identity;

import java.util.regex.Pattern;

/**
 * What a player name may look like: 2-24 letters, digits, '_' or '-', in ASCII. Shared by guests and
 * accounts. ASCII keeps names from passing for one another across scripts (a Cyrillic 'а' in "аdmin" makes
 * the name invalid, not a second admin); look-alikes within ASCII are {@link ReservedNames}' concern.
 */
public final class NamePolicy {

    /** The name syntax, as a regular expression. */
    public static final String PATTERN = "[A-Za-z0-9_-]{2,24}";
    /** The name syntax, for people. */
    public static final String RULE = "2-24 characters: letters, digits, '_' and '-'";
    /**
     * The one answer (with {@code NAME_TAKEN}) to a name a player may not take, whether it is online, a
     * registered account's or reserved: the words never tell which, so they cannot be used to find accounts.
     */
    public static final String UNAVAILABLE = "that name is not available";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private NamePolicy() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String describe() {
        return "names are " + RULE;
    }
}
