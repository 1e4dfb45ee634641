package io.tavern.server.admin;

import java.security.Principal;
import java.util.regex.Pattern;

/**
 * Who made an admin call, for the audit log and the messages players see ("kicked by ..."): the
 * name from the optional {@code X-Tavern-Operator} header, else {@value #DEFAULT}. The token proves
 * the caller is an operator; the name is what the operator says about themself.
 */
public record Operator(String name) {

    public static final String HEADER = "X-Tavern-Operator";
    public static final String DEFAULT = "admin";

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

    public Operator {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException(HEADER + " must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
    }

    /** @param header the header's value, or null when absent */
    public static Operator fromHeader(String header) {
        return header == null || header.isBlank() ? new Operator(DEFAULT) : new Operator(header.strip());
    }

    /** The operator an authenticated admin request was made by. */
    public static Operator of(Principal principal) {
        return new Operator(principal.getName());
    }
}
