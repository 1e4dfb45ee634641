package io.tavern.db.account;

/**
 * Argon2id cost. The defaults are OWASP's first recommendation (19 MiB, 2 passes, 1 lane): about 90 ms of
 * one core per hash or check with BouncyCastle's pure-Java Argon2 on a 2-core AMD EPYC VM, so such a machine
 * checks some 20 logins a second at most, and 19 MiB per concurrent hash, at most one per hashing thread
 * ({@link PasswordHashing}).
 * Raising either cost re-hashes each account's password at its next successful login; lowering it changes
 * nothing for existing hashes.
 *
 * @param memoryKiB   memory per hash in KiB; at least 8 x parallelism
 * @param iterations  passes over that memory
 * @param parallelism lanes
 */
public record PasswordHashingConfig(int memoryKiB, int iterations, int parallelism) {

    public static final int DEFAULT_MEMORY_KIB = 19 * 1024;
    public static final int DEFAULT_ITERATIONS = 2;
    public static final int DEFAULT_PARALLELISM = 1;

    public PasswordHashingConfig {
        if (parallelism < 1 || iterations < 1) {
            throw new IllegalArgumentException("iterations and parallelism must be at least 1");
        }
        if (memoryKiB < 8 * parallelism) {
            throw new IllegalArgumentException("Argon2 needs at least 8 KiB per lane: " + memoryKiB);
        }
    }

    public static PasswordHashingConfig defaults() {
        return new PasswordHashingConfig(DEFAULT_MEMORY_KIB, DEFAULT_ITERATIONS, DEFAULT_PARALLELISM);
    }
}
