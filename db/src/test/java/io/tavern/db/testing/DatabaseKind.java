package io.tavern.db.testing;

/** The databases every store test runs on. */
public enum DatabaseKind {
    H2("H2"),
    POSTGRESQL("PostgreSQL");

    private final String displayName;

    DatabaseKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
