package io.tavern.db.account;

import io.tavern.db.Database;
import io.tavern.db.NameKey;
import io.tavern.db.Timestamps;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Registered accounts. Names are unique regardless of case; the name as registered is kept for display.
 *
 * <p>Every method runs on the DB executor and returns at once; its future fails with
 * {@link io.tavern.db.exec.ServerBusyException} when the DB queue is full. Register and authenticate hash a
 * password (about 90 ms of CPU at the default cost, see {@link PasswordHashingConfig}) on the DB thread,
 * without holding a connection meanwhile.
 */
public final class AccountStore {

    private static final String INSERT = """
            INSERT INTO account (name_key, display_name, password_hash, created_at) VALUES (?, ?, ?, ?)""";
    private static final String SELECT_BY_KEY = """
            SELECT id, display_name, password_hash, created_at, last_login_at FROM account WHERE name_key = ?""";
    private static final String EXISTS = "SELECT COUNT(*) FROM account WHERE name_key = ?";
    private static final String RECORD_LOGIN = "UPDATE account SET last_login_at = ? WHERE id = ?";
    private static final String RECORD_LOGIN_AND_REHASH = "UPDATE account SET last_login_at = ?, password_hash = ? WHERE id = ?";

    private static final RowMapper<StoredAccount> STORED_ACCOUNT = (row, n) -> new StoredAccount(
            new Account(row.getLong("id"), row.getString("display_name"), Timestamps.get(row, "created_at"),
                    Timestamps.get(row, "last_login_at")),
            row.getString("password_hash"));

    private final Database database;
    private final PasswordHasher hasher;
    private final Clock clock;

    public AccountStore(Database database, PasswordHasher hasher) {
        this(database, hasher, Clock.systemUTC());
    }

    public AccountStore(Database database, PasswordHasher hasher, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates an account.
     *
     * @return the new account; fails with {@link NameTakenException} when the name, in any case, is registered
     * @throws IllegalArgumentException for a name {@link NameKey} rejects or an empty password
     */
    public CompletableFuture<Account> register(String name, String rawPassword) {
        String key = NameKey.of(name);
        requirePassword(rawPassword);
        return database.submit(jdbc -> {
            // Checked first to spare a hash on the common refusal; the unique key settles races.
            if (exists(jdbc, key)) {
                throw new NameTakenException(name);
            }
            String hash = hasher.hash(rawPassword);
            Instant now = now();
            KeyHolder id = new GeneratedKeyHolder();
            try {
                jdbc.update(connection -> {
                    PreparedStatement insert = connection.prepareStatement(INSERT, new String[] {"id"});
                    insert.setString(1, key);
                    insert.setString(2, name);
                    insert.setString(3, hash);
                    Timestamps.set(insert, 4, now);
                    return insert;
                }, id);
            } catch (DuplicateKeyException raced) {
                throw new NameTakenException(name);
            }
            return new Account(Objects.requireNonNull(id.getKey(), "generated id").longValue(), name, now, null);
        });
    }

    /**
     * Checks a login and, when it succeeds, records it as the account's last login (and re-hashes the
     * password if the configured cost has risen since it was hashed).
     *
     * @return the account, or empty for an unknown name or a wrong password alike (INVALID_CREDENTIALS tells
     *     them apart to nobody; both take the time of a hash check)
     */
    public CompletableFuture<Optional<Account>> authenticate(String name, String rawPassword) {
        String key = NameKey.of(name);
        requirePassword(rawPassword);
        return database.submit(jdbc -> {
            Optional<StoredAccount> stored = find(jdbc, key);
            if (stored.isEmpty()) {
                hasher.spendTimeOfACheck(rawPassword);
                return Optional.empty();
            }
            StoredAccount account = stored.get();
            if (!hasher.matches(rawPassword, account.passwordHash())) {
                return Optional.empty();
            }
            Instant now = now();
            long id = account.account().id();
            if (hasher.needsRehash(account.passwordHash())) {
                String rehashed = hasher.hash(rawPassword);
                jdbc.update(RECORD_LOGIN_AND_REHASH, statement -> {
                    Timestamps.set(statement, 1, now);
                    statement.setString(2, rehashed);
                    statement.setLong(3, id);
                });
            } else {
                jdbc.update(RECORD_LOGIN, statement -> {
                    Timestamps.set(statement, 1, now);
                    statement.setLong(2, id);
                });
            }
            Account before = account.account();
            return Optional.of(new Account(id, before.name(), before.createdAt(), now));
        });
    }

    /** Whether the name, in any case, is registered: a guest may not take it. */
    public CompletableFuture<Boolean> exists(String name) {
        String key = NameKey.of(name);
        return database.submit(jdbc -> exists(jdbc, key));
    }

    /** The account registered under this name, in any case. */
    public CompletableFuture<Optional<Account>> find(String name) {
        String key = NameKey.of(name);
        return database.submit(jdbc -> find(jdbc, key).map(StoredAccount::account));
    }

    private static boolean exists(JdbcTemplate jdbc, String key) {
        Integer count = jdbc.queryForObject(EXISTS, Integer.class, key);
        return count != null && count > 0;
    }

    private static Optional<StoredAccount> find(JdbcTemplate jdbc, String key) {
        List<StoredAccount> rows = jdbc.query(SELECT_BY_KEY, STORED_ACCOUNT, key);
        return rows.stream().findFirst();
    }

    /** The database keeps microseconds; so does what this store returns, so that it equals what is read back. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void requirePassword(String rawPassword) {
        Objects.requireNonNull(rawPassword, "rawPassword");
        if (rawPassword.isEmpty()) {
            throw new IllegalArgumentException("the password is empty");
        }
    }

    private record StoredAccount(Account account, String passwordHash) {
    }
}
