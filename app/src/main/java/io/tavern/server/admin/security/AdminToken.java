package io.tavern.server.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin bearer token. Presented tokens are compared in constant time: both sides are hashed
 * first, so neither the content nor the length of the real token leaks through how long a wrong
 * guess takes to refuse.
 */
public final class AdminToken {

    static final int MIN_LENGTH = 16;
    private static final int GENERATED_BYTES = 32;

    private final byte[] digest;

    private AdminToken(String token) {
        this.digest = sha256(token);
    }

    /** @throws IllegalArgumentException for a token shorter than {@value #MIN_LENGTH} characters */
    static AdminToken of(String token) {
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the admin token must have at least " + MIN_LENGTH
                    + " characters (for example: openssl rand -hex 32)");
        }
        return new AdminToken(token.strip());
    }

    /** 256 random bits, URL-safe Base64: what the server uses when none is configured. */
    static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "AdminToken[****]";
    }
}
