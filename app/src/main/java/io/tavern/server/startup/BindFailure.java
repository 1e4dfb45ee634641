package io.tavern.server.startup;

import java.net.BindException;

/**
 * Why a listening socket could not be bound, told apart by the operating system's words, which both
 * the JDK and Netty's native transports pass on ({@code bind(..) failed: Address already in use}).
 */
enum BindFailure {
    IN_USE, NOT_LOCAL, PRIVILEGED, OTHER;

    static BindFailure of(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (message.contains("Address already in use") || message.contains("Address in use")) {
            return IN_USE;
        }
        if (message.contains("Cannot assign requested address") || message.contains("Can't assign requested address")) {
            return NOT_LOCAL;
        }
        if (message.contains("Permission denied") || message.contains("Access denied")) {
            return PRIVILEGED;
        }
        return failure instanceof BindException ? IN_USE : OTHER;
    }

    /** A port to suggest instead of {@code port}. */
    static int anotherPort(int port) {
        return port < 65535 ? port + 1 : port - 1;
    }
}
