package io.tavern.server.admin.security;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What an operator may do, each role including the ones before it:
 * <ul>
 * <li>{@link #VIEWER}: read (every {@code GET}), nothing else;</li>
 * <li>{@link #MODERATOR}: also act on players: kicks, mutes, bans, announcements, player reports;</li>
 * <li>{@link #ADMIN}: everything, room closing and configuration included.</li>
 * </ul>
 * The rules mapping requests to roles are {@link AdminAccessRules}'.
 */
public enum OperatorRole {
    VIEWER, MODERATOR, ADMIN;

    /** The name Spring Security checks with {@code hasRole}. */
    public String roleName() {
        return name();
    }

    /** The word used in the operators file and in messages: {@code viewer}, {@code moderator}, {@code admin}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The authorities of this role and of every role it includes. Granted in full rather than through a
     * role hierarchy, so that every check (Actuator's "show details to" included) sees the same thing.
     */
    List<GrantedAuthority> authorities() {
        return Arrays.stream(values()).filter(role -> role.ordinal() <= ordinal())
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.roleName()))
                .toList();
    }

    /** @throws IllegalArgumentException naming the valid words */
    static OperatorRole fromWord(String word) {
        for (OperatorRole role : values()) {
            if (role.word().equals(word)) {
                return role;
            }
        }
        throw new IllegalArgumentException("role '" + word + "' is none of viewer, moderator, admin");
    }
}
