package io.tavern.db.moderation;

/** What a sanction refuses, on a player's name ({@link NameSanctionStore}) or on an address range ({@link AddressSanctionStore}). */
public enum SanctionKind {
    /** logins (BANNED); on a range, whose the server's configuration says */
    BAN,
    /** chat lines, in every scope (MUTED) */
    MUTE
}
