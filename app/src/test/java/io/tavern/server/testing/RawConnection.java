package io.tavern.server.testing;

import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Hello;
import io.tavern.protocol.v1.JoinRoom;
import io.tavern.protocol.v1.LoginGuest;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/**
 * A plain blocking socket for saying what no well-behaved client would: raw bytes, lying lengths,
 * cut-off frames. Reads the server's replies frame by frame.
 */
public final class RawConnection implements AutoCloseable {

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;
    private Envelope welcome;

    public RawConnection(int port) throws IOException {
        this(port, 0);
    }

    /**
     * @param receiveBufferBytes SO_RCVBUF, set before connecting so that it bounds the window the server is
     *                           offered (the kernel may round it up); 0 = the system's default
     */
    public RawConnection(int port, int receiveBufferBytes) throws IOException {
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public RawConnection hello() throws IOException {
        writeEnvelope(Envelope.newBuilder().setRequestId(1)
                .setHello(Hello.newBuilder().setProtocolVersion(ProtocolVersion.CURRENT).setClientName("raw"))
                .build());
        welcome = readEnvelope();
        if (!welcome.hasWelcome()) {
            throw new IllegalStateException("expected Welcome, got " + welcome);
        }
        return this;
    }

    /** The server's id for this connection, from its Welcome. */
    public String sessionId() {
        return welcome.getWelcome().getSessionId();
    }

    /** The Welcome that {@link #hello} received. */
    public Envelope welcome() {
        return welcome;
    }

    public void writeBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void writeEnvelope(Envelope envelope) throws IOException {
        byte[] body = envelope.toByteArray();
        writeFrame(body.length, body);
    }

    public void writeFrame(int declaredLength, byte[] body) throws IOException {
        writeBytes(frame(declaredLength, body));
    }

    /** A frame's bytes: the length prefix (true or not) and the body. */
    public static byte[] frame(int declaredLength, byte[] body) {
        byte[] frame = new byte[4 + body.length];
        frame[0] = (byte) (declaredLength >>> 24);
        frame[1] = (byte) (declaredLength >>> 16);
        frame[2] = (byte) (declaredLength >>> 8);
        frame[3] = (byte) declaredLength;
        System.arraycopy(body, 0, frame, 4, body.length);
        return frame;
    }

    public static byte[] frame(Envelope envelope) {
        byte[] body = envelope.toByteArray();
        return frame(body.length, body);
    }

    /** Stops sending (half-close): the server sees the end of the stream but may still answer. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    public Envelope readEnvelope() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        return Envelope.parseFrom(body);
    }

    /** Reads frames until the server closes the connection; fails if it does not within the read time-out. */
    public java.util.List<Envelope> readUntilClosed() throws IOException {
        java.util.List<Envelope> frames = new java.util.ArrayList<>();
        try {
            while (true) {
                frames.add(readEnvelope());
            }
        } catch (EOFException | SocketException closed) {
            return frames;
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server did not close the connection; got " + frames, stillOpen);
        }
    }

    /** Logs in as a guest and reads the {@code LoginOk}. */
    public RawConnection loginGuest(String name) throws IOException {
        writeEnvelope(Envelope.newBuilder().setRequestId(2).setLoginGuest(LoginGuest.newBuilder().setName(name)).build());
        Envelope reply = readEnvelope();
        if (!reply.hasLoginOk()) {
            throw new IllegalStateException("expected LoginOk, got " + reply);
        }
        return this;
    }

    /** Joins {@code room} (id or name) and reads up to its reply, which must not be an error. */
    public RawConnection joinRoom(String room) throws IOException {
        writeEnvelope(Envelope.newBuilder().setRequestId(3).setJoinRoom(JoinRoom.newBuilder().setRoom(room)).build());
        Envelope reply;
        do {
            reply = readEnvelope();
        } while (reply.getRequestId() != 3);
        if (reply.hasError()) {
            throw new IllegalStateException("could not join " + room + ": " + reply.getError());
        }
        return this;
    }

    /**
     * Drops the connection with a reset (RST) instead of a FIN: {@code SO_LINGER} 0 makes the close
     * abortive, as a crashed client or a middlebox killing the connection would.
     */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
