package io.tavern.db.account;

import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.db.exec.BoundedExecutor;
import io.tavern.db.exec.ServerBusyException;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where passwords are hashed and checked: a pool of its own, {@code tavern-hash-N} threads (as many as the
 * machine has cores, by default) in front of a bounded queue. Not the DB threads, which do only JDBC, and
 * never event loops or logic threads.
 *
 * <p>Why a pool of its own: an Argon2id hash is some 90 ms of one core and 19 MiB (see
 * {@link PasswordHashingConfig}). On the DB threads a burst of logins held the threads the chat archive and
 * every query need, and with eight of them ran eight hashes, 152 MiB, on a two-core machine. Here at most one
 * hash per core runs, and a burst beyond the queue is refused at once with {@link ServerBusyException}
 * (SERVER_BUSY and a retry hint), never queued past the point where its client has given up.
 *
 * <p>Futures complete on the hashing thread; callers continue on their own executor, as with the DB
 * executor. Metrics: {@code tavern.hash.queue.depth}, {@code tavern.hash.task.latency},
 * {@code tavern.hash.task.duration} (its count is the number of hashes and checks run) and
 * {@code tavern.hash.rejected}.
 */
public final class PasswordHashing implements AutoCloseable {

    /** Hashing threads are named {@code tavern-hash-1}, {@code tavern-hash-2}, ... */
    public static final String THREAD_PREFIX = "tavern-hash-";

    static final BoundedExecutor.Naming NAMING =
            new BoundedExecutor.Naming(THREAD_PREFIX, "tavern.hash", "password hashes", "the password hashing queue");
    /** How long {@link #close()} lets queued hashes run, unless the constructor is told otherwise. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * The outcome of a check.
     *
     * @param matches  whether the password is the one the hash was made from
     * @param rehashed a new hash of the password at the configured cost, when it matched and the stored hash
     *                 was made at a lower one; null otherwise
     */
    public record Verification(boolean matches, String rehashed) {
        static final Verification NO_MATCH = new Verification(false, null);
    }

    private final PasswordHasher hasher;
    private final BoundedExecutor pool;

    /**
     * @param threads       hashing threads; the cores of the machine is the most that helps
     * @param queueCapacity hashes that may wait for a thread; beyond it a request is refused
     */
    public PasswordHashing(PasswordHasher hasher, int threads, int queueCapacity, MeterRegistry registry) {
        this(hasher, threads, queueCapacity, DEFAULT_CLOSE_TIMEOUT, registry);
    }

    /** @param closeTimeout how long {@link #close()} lets queued hashes run before it stops the threads */
    public PasswordHashing(PasswordHasher hasher, int threads, int queueCapacity, Duration closeTimeout,
                           MeterRegistry registry) {
        this(hasher, new BoundedExecutor(NAMING, threads, queueCapacity, closeTimeout, registry));
    }

    /** On {@code pool}, which must name its threads {@link #THREAD_PREFIX}N: for tests that fill it. */
    PasswordHashing(PasswordHasher hasher, BoundedExecutor pool) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.pool = Objects.requireNonNull(pool, "pool");
    }

    /** Whether this thread is one of the hashing threads. */
    public static boolean isHashThread() {
        return Thread.currentThread().getName().startsWith(THREAD_PREFIX);
    }

    /** @throws IllegalStateException on any thread but a {@code tavern-hash-*} one */
    static void assertHashThread() {
        if (!isHashThread()) {
            throw new IllegalStateException("password hashing on thread '" + Thread.currentThread().getName()
                    + "': only " + THREAD_PREFIX + "* threads hash; submit it to PasswordHashing");
        }
    }

    /** The encoded Argon2id hash of {@code rawPassword}, with a fresh salt. */
    public CompletableFuture<String> hash(String rawPassword) {
        return pool.submit(() -> hasher.hash(rawPassword));
    }

    /**
     * Checks {@code rawPassword} against {@code storedHash}, re-hashing it when the cost has risen since. An
     * absent hash (no such account) is checked against a decoy, so that it takes as long as a wrong password
     * and answers no.
     */
    public CompletableFuture<Verification> verify(String rawPassword, Optional<String> storedHash) {
        return pool.submit(() -> {
            if (storedHash.isEmpty()) {
                hasher.spendTimeOfACheck(rawPassword);
                return Verification.NO_MATCH;
            }
            String stored = storedHash.get();
            if (!hasher.matches(rawPassword, stored)) {
                return Verification.NO_MATCH;
            }
            return new Verification(true, hasher.needsRehash(stored) ? hasher.hash(rawPassword) : null);
        });
    }

    public int threadCount() {
        return pool.threadCount();
    }

    public int queueCapacity() {
        return pool.queueCapacity();
    }

    /** Lets the queued hashes run (a few seconds at most), then stops the threads. */
    @Override
    public void close() {
        pool.close();
    }
}
