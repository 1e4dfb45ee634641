package io.tavern.server.identity;

/** What is being tried, for counts and logs. */
public enum AttemptKind {
    /** An account login: the subject is the account name. */
    LOGIN("name"),
    /** A room's password: the subject is the room, from one address. */
    ROOM_PASSWORD("room"),
    /** An account registration: counted per address only. */
    REGISTRATION("address");

    private final String subject;

    AttemptKind(String subject) {
        this.subject = subject;
    }

    /** What the subject of such an attempt is: "name", "room". */
    public String subject() {
        return subject;
    }
}
