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
 * <p>Every method returns at once. Its queries run on the DB executor, and register and authenticate hash
 * the password in between on {@link PasswordHashing}'s threads, so that no DB thread (nor connection) is held
 * for the 90 ms of a hash. A future fails with {@link io.tavern.db.exec.ServerBusyException} when the DB
 * queue or the hashing queue is full, and completes on a DB or hashing thread: continue on your own executor.
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
    private final PasswordHashing hashing;
    private final Clock clock;

    public AccountStore(Database database, PasswordHashing hashing) {
        this(database, hashing, Clock.systemUTC());
    }

    public AccountStore(Database database, PasswordHashing hashing, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.hashing = Objects.requireNonNull(hashing, "hashing");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates an account: is the name free (DB), the hash (hashing pool), the insert (DB).
     *
     * @return the new account; fails with {@link NameTakenException} when the name, in any case, is registered
     * @throws IllegalArgumentException for a name {@link NameKey} rejects or an empty password
     */
    public CompletableFuture<Account> register(String name, String rawPassword) {
        String key = NameKey.of(name);
        requirePassword(rawPassword);
        // Checked first to spare a hash on the common refusal; the unique key settles races.
        return database.submit(jdbc -> exists(jdbc, key))
                .thenCompose(taken -> taken
                        ? CompletableFuture.<String>failedFuture(new NameTakenException(name))
                        : hashing.hash(rawPassword))
                .thenCompose(hash -> database.submit(jdbc -> insert(jdbc, key, name, hash)));
    }

    /**
     * Checks a login: the stored hash (DB), the check (hashing pool), and when it succeeds, the login recorded
     * as the account's last (DB), with the password re-hashed if the configured cost has risen since.
     *
     * @return the account, or empty for an unknown name or a wrong password alike (INVALID_CREDENTIALS tells
     *     them apart to nobody; both take the time of a hash check)
     */
    public CompletableFuture<Optional<Account>> authenticate(String name, String rawPassword) {
        String key = NameKey.of(name);
        requirePassword(rawPassword);
        return database.submit(jdbc -> find(jdbc, key))
                .thenCompose(stored -> hashing.verify(rawPassword, stored.map(StoredAccount::passwordHash))
                        .thenCompose(verification -> verification.matches()
                                ? database.submit(jdbc -> Optional.of(recordLogin(jdbc, stored.get(), verification.rehashed())))
                                : CompletableFuture.completedFuture(Optional.empty())));
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

    private Account insert(JdbcTemplate jdbc, String key, String name, String hash) {
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
    }

    /** Records a successful login now, and the new hash when there is one. */
    private Account recordLogin(JdbcTemplate jdbc, StoredAccount stored, String rehashed) {
        Instant now = now();
        long id = stored.account().id();
        if (rehashed != null) {
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
        Account before = stored.account();
        return new Account(id, before.name(), before.createdAt(), now);
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
