package io.tavern.db.exec;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands out connections only on {@code tavern-db-*} threads ({@link DbThreads#assertDbThread()}).
 *
 * <p>Every store reaches the database through this data source, so the thread rule is checked at the one
 * place all JDBC must pass, the borrowing of a connection, rather than by each store remembering to.
 * Through a {@code JdbcTemplate} the refusal arrives as a {@code CannotGetJdbcConnectionException} whose
 * cause is the {@link IllegalStateException}.
 */
public final class DbThreadOnlyDataSource extends DelegatingDataSource {

    public DbThreadOnlyDataSource(DataSource target) {
        super(target);
    }

    @Override
    public Connection getConnection() throws SQLException {
        DbThreads.assertDbThread();
        return super.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        DbThreads.assertDbThread();
        return super.getConnection(username, password);
    }
}
