package io.tavern.server.admin;

import java.security.Principal;
import java.util.regex.Pattern;

/**
 * Who made an admin call, for the audit log and the messages players see ("kicked by ..."): the
 * operator whose token the call presented. The name comes from the server's own list of operators
 * ({@code tavern.admin.operators-file}), never from the request, so the audit log cannot be told a
 * different story by a caller; {@value #DEFAULT} is the operator of the single {@code tavern.admin.token}.
 */
public record Operator(String name) {

    public static final String DEFAULT = "admin";
    public static final String VALID_NAME = "1-64 letters, digits, '.', '_', '@' or '-'";

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}._@-]{1,64}");

    public Operator {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new IllegalArgumentException("an operator name must be " + VALID_NAME);
        }
    }

    /** The operator an authenticated admin request was made by. */
    public static Operator of(Principal principal) {
        return new Operator(principal.getName());
    }
}
