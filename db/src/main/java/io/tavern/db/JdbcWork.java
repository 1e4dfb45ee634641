package io.tavern.db;

import org.springframework.jdbc.core.JdbcTemplate;

/** A unit of JDBC work, run by {@link Database#submit} on a {@code tavern-db-*} thread. */
@FunctionalInterface
public interface JdbcWork<T> {
    T run(JdbcTemplate jdbc) throws Exception;
}
