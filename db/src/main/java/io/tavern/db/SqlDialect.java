package io.tavern.db;

/**
 * The two databases Tavern speaks to. Almost all SQL is common to both (H2 runs in PostgreSQL mode); the
 * few statements that differ, such as an upsert, switch on this.
 */
public enum SqlDialect {
    /** Embedded H2 2.x in PostgreSQL compatibility mode: single node, development, tests. */
    H2("H2"),
    /** PostgreSQL: production. */
    POSTGRESQL("PostgreSQL");

    private final String productName;

    SqlDialect(String productName) {
        this.productName = productName;
    }

    /** The name Spring's SQL error-code tables know this database by. */
    public String productName() {
        return productName;
    }

    public static SqlDialect fromJdbcUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("unsupported database (H2 and PostgreSQL are): " + jdbcUrl);
    }
}
