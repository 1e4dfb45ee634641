package io.tavern.client;

import io.netty.channel.EventLoopGroup;
import io.tavern.protocol.Frames;
import io.tavern.protocol.ProtocolVersion;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TavernClient} connects. Immutable; build with {@link #builder()}.
 *
 * @param host               server host name or address
 * @param port               server game port
 * @param clientName         sent in Hello.client_name
 * @param protocolVersion    sent in Hello.protocol_version; tests override it to see the rejection
 * @param maxFrameBytes      the largest frame this client accepts from the server
 * @param connectTimeout     TCP connect time-out
 * @param requestTimeout     how long a request waits for its reply ({@link Duration#ZERO} = for ever);
 *                           the handshake waits as long
 * @param bindAddress        the local address to connect from, or null for the system's choice; the
 *                           load generator spreads connections over several loopback addresses
 *                           because each local address has only ~28 000 ephemeral ports
 * @param eventLoopGroup     the event loops to run on, or null for {@link ClientEventLoops#shared()};
 *                           the client never shuts a group down
 * @param receiveBufferBytes SO_RCVBUF, or 0 for the system default
 * @param heartbeat          whether to ping the server after heartbeat_interval_ms of silence and to
 *                           close the connection when the server stays silent for three intervals
 * @param answerPings        whether to answer the server's Ping (off only to test idle time-outs)
 * @param listeners          listeners registered before the Hello is sent, so none misses an event
 */
public record ClientOptions(
        String host,
        int port,
        String clientName,
        int protocolVersion,
        int maxFrameBytes,
        Duration connectTimeout,
        Duration requestTimeout,
        InetAddress bindAddress,
        EventLoopGroup eventLoopGroup,
        int receiveBufferBytes,
        boolean heartbeat,
        boolean answerPings,
        List<ClientListener> listeners) {

    public static final String DEFAULT_HOST = "localhost";
    public static final int DEFAULT_PORT = 7777;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public ClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(clientName, "clientName");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be positive: " + maxFrameBytes);
        }
        if (connectTimeout.isNegative() || requestTimeout.isNegative()) {
            throw new IllegalArgumentException("time-outs must not be negative");
        }
        listeners = List.copyOf(listeners);
    }

    /** "tavern-cli/VERSION", the version from the jar's manifest ("dev" when run from classes). */
    public static String defaultClientName() {
        String version = ClientOptions.class.getPackage().getImplementationVersion();
        return "tavern-cli/" + (version == null ? "dev" : version);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.clientName = clientName;
        b.protocolVersion = protocolVersion;
        b.maxFrameBytes = maxFrameBytes;
        b.connectTimeout = connectTimeout;
        b.requestTimeout = requestTimeout;
        b.bindAddress = bindAddress;
        b.eventLoopGroup = eventLoopGroup;
        b.receiveBufferBytes = receiveBufferBytes;
        b.heartbeat = heartbeat;
        b.answerPings = answerPings;
        b.listeners = new ArrayList<>(listeners);
        return b;
    }

    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String clientName = defaultClientName();
        private int protocolVersion = ProtocolVersion.CURRENT;
        private int maxFrameBytes = Frames.CLIENT_MAX_FRAME_BYTES;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private InetAddress bindAddress;
        private EventLoopGroup eventLoopGroup;
        private int receiveBufferBytes;
        private boolean heartbeat = true;
        private boolean answerPings = true;
        private List<ClientListener> listeners = new ArrayList<>();

        private Builder() {
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder clientName(String clientName) {
            this.clientName = clientName;
            return this;
        }

        public Builder protocolVersion(int protocolVersion) {
            this.protocolVersion = protocolVersion;
            return this;
        }

        public Builder maxFrameBytes(int maxFrameBytes) {
            this.maxFrameBytes = maxFrameBytes;
            return this;
        }

        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** {@link Duration#ZERO} waits for ever. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder bindAddress(InetAddress bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder eventLoopGroup(EventLoopGroup eventLoopGroup) {
            this.eventLoopGroup = eventLoopGroup;
            return this;
        }

        public Builder receiveBufferBytes(int receiveBufferBytes) {
            this.receiveBufferBytes = receiveBufferBytes;
            return this;
        }

        public Builder heartbeat(boolean heartbeat) {
            this.heartbeat = heartbeat;
            return this;
        }

        public Builder answerPings(boolean answerPings) {
            this.answerPings = answerPings;
            return this;
        }

        public Builder listener(ClientListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        public ClientOptions build() {
            return new ClientOptions(host, port, clientName, protocolVersion, maxFrameBytes, connectTimeout,
                    requestTimeout, bindAddress, eventLoopGroup, receiveBufferBytes, heartbeat, answerPings,
                    listeners);
        }
    }
}
