package io.tavern.cli;

import java.util.Objects;

/**
 * Who to log in as, and how.
 *
 * @param password null for a guest
 */
public record Credentials(Mode mode, String name, String password) {

    public enum Mode { GUEST, LOGIN, REGISTER }

    public Credentials {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(name, "name");
        if (mode != Mode.GUEST) {
            Objects.requireNonNull(password, "password");
        }
    }

    public static Credentials guest(String name) {
        return new Credentials(Mode.GUEST, name, null);
    }

    /** After a successful registration, a reconnect logs in to the account it created. */
    public Credentials forReconnect() {
        return mode == Mode.REGISTER ? new Credentials(Mode.LOGIN, name, password) : this;
    }

    @Override
    public String toString() {
        return "Credentials[" + mode + " " + name + "]"; // never the password
    }
}
