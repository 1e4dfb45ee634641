package io.tavern.db.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Hashes and checks passwords with Argon2id (spring-security-crypto over BouncyCastle).
 *
 * <p>Why Argon2id rather than BCrypt: it is memory-hard, so guessing on GPUs costs far more, it is OWASP's
 * first choice, and it has no 72-byte limit on the password. The encoded hash carries its own salt and
 * parameters, so the cost can be raised at any time ({@link #needsRehash}).
 *
 * <p>Hashing is deliberately slow CPU work: {@link #hash} and {@link #matches} run only on the
 * {@code tavern-hash-*} threads of {@link PasswordHashing} and refuse any other thread, a DB thread as much as
 * an event loop, so that a burst of logins can neither stall the game nor hold the database's threads.
 */
public final class PasswordHasher {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Argon2PasswordEncoder encoder;
    /** Checked against when a name is unknown, so that a miss costs as long as a wrong password. */
    private final String decoyHash;

    public PasswordHasher(PasswordHashingConfig config) {
        Objects.requireNonNull(config, "config");
        this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, config.parallelism(), config.memoryKiB(),
                config.iterations());
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        // Once, while the server starts: the one hash made off the hashing threads.
        this.decoyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
    }

    /** @throws IllegalStateException on any thread but a {@code tavern-hash-*} one */
    public String hash(CharSequence rawPassword) {
        PasswordHashing.assertHashThread();
        return encoder.encode(rawPassword);
    }

    /** @throws IllegalStateException on any thread but a {@code tavern-hash-*} one */
    public boolean matches(CharSequence rawPassword, String encodedHash) {
        PasswordHashing.assertHashThread();
        return encoder.matches(rawPassword, encodedHash);
    }

    /** Whether {@code encodedHash} was made with a lower cost than the configured one: a parse, no hashing. */
    public boolean needsRehash(String encodedHash) {
        return encoder.upgradeEncoding(encodedHash);
    }

    /** Spends the time of one check and finds nothing: answers "no such account" as slowly as "wrong password". */
    void spendTimeOfACheck(CharSequence rawPassword) {
        matches(rawPassword, decoyHash);
    }
}
