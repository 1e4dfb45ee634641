package io.tavern.server.lobby;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A room's join password, kept only as a salted SHA-256 and compared in constant time. Room
 * passwords are short-lived lobby gates, not account credentials, so a fast hash is the right cost:
 * a slow one (bcrypt) would stall a logic thread on every join.
 */
final class RoomPassword {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] salt;
    private final byte[] hash;

    private RoomPassword(byte[] salt, byte[] hash) {
        this.salt = salt;
        this.hash = hash;
    }

    /** Null for an empty password: the room is open to all. */
    static RoomPassword of(String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new RoomPassword(salt, digest(salt, password));
    }

    boolean matches(String attempt) {
        return MessageDigest.isEqual(hash, digest(salt, attempt == null ? "" : attempt));
    }

    private static byte[] digest(byte[] salt, String password) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return sha.digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
