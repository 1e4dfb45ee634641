package io.tavern.server.admin.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An operator's bearer token, kept only as its SHA-256 digest. Presented tokens are hashed and the
 * digests compared in constant time, so neither the content nor the length of a real token leaks
 * through how long a wrong guess takes to refuse. A token can also be configured by its digest alone
 * ({@code sha256:<64 hex digits>}): the server then never holds the token itself. One round of SHA-256
 * is enough for what tokens are, at least 16 random characters, not passwords a person chose.
 */
public final class AdminToken {

    static final int MIN_LENGTH = 16;
    static final String SHA256_PREFIX = "sha256:";
    private static final int GENERATED_BYTES = 32;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final byte[] digest;

    private AdminToken(byte[] digest) {
        this.digest = digest;
    }

    /** @throws IllegalArgumentException for a token shorter than {@value #MIN_LENGTH} characters */
    static AdminToken of(String token) {
        if (token == null || token.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("a token must have at least " + MIN_LENGTH
                    + " characters (for example: openssl rand -hex 32)");
        }
        return new AdminToken(digest(token.strip()));
    }

    /**
     * A token given as {@code sha256:<hex>} (its digest) or as itself.
     *
     * @throws IllegalArgumentException for a malformed digest or a token too short
     */
    static AdminToken parse(String tokenOrDigest) {
        if (tokenOrDigest != null && tokenOrDigest.startsWith(SHA256_PREFIX)) {
            String hex = tokenOrDigest.substring(SHA256_PREFIX.length());
            if (!SHA256_HEX.matcher(hex).matches()) {
                throw new IllegalArgumentException("a token digest must be sha256: and 64 hex digits "
                        + "(printf %s \"$TOKEN\" | sha256sum)");
            }
            return new AdminToken(HexFormat.of().parseHex(hex));
        }
        return of(tokenOrDigest);
    }

    /** 256 random bits, URL-safe Base64: what the server uses when none is configured. */
    static String generate() {
        byte[] bytes = new byte[GENERATED_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public boolean matches(String presented) {
        return presented != null && matchesDigest(digest(presented));
    }

    /** Constant time: every byte is compared whatever the first difference. */
    boolean matchesDigest(byte[] presentedDigest) {
        return MessageDigest.isEqual(digest, presentedDigest);
    }

    boolean sameAs(AdminToken other) {
        return matchesDigest(other.digest);
    }

    static byte[] digest(String value) {
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
