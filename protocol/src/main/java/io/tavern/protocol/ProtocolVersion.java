package io.tavern.protocol;

/** The wire protocol versions this build speaks. */
public final class ProtocolVersion {

    /** The version of {@code tavern/v1/tavern.proto}; sent in {@code Hello.protocol_version}. */
    public static final int CURRENT = 1;

    private ProtocolVersion() {
    }

    public static boolean isSupported(int version) {
        return version == CURRENT;
    }
}
