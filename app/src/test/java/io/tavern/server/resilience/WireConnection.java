package io.tavern.server.resilience;

import io.tavern.protocol.Frames;
import io.tavern.protocol.v1.Envelope;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A plain blocking socket that writes whatever bytes it is given, from a chosen loopback address, and
 * reads the server's frames one by one. Unlike the client library it never refuses to send nonsense;
 * unlike {@code RawConnection} it can spread its connections over several local addresses, so that
 * thousands of short-lived connections never run out of ephemeral ports.
 */
final class WireConnection implements AutoCloseable {

    /** What {@link #read()} returns once the server has closed the connection. */
    static final Envelope END_OF_STREAM = Envelope.getDefaultInstance();

    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    WireConnection(InetAddress localAddress, int port, Duration readTimeout) throws IOException {
        socket.setTcpNoDelay(true);
        socket.bind(new InetSocketAddress(localAddress, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
        in = new DataInputStream(socket.getInputStream());
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** The client's end of the connection: how the server knows it. */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** Writes and flushes; the bytes may hold any number of frames, or part of one. */
    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Queues bytes without flushing, for writing many frames with one system call. */
    void append(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void flush() throws IOException {
        out.flush();
    }

    /** Sends FIN: the server sees the end of the stream, and may still answer. */
    void shutdownOutput() throws IOException {
        out.flush();
        socket.shutdownOutput();
    }

    /**
     * The next frame from the server, or {@link #END_OF_STREAM} once it closed the connection (a reset
     * counts as a close). Throws {@link SocketTimeoutException} when nothing arrives within the read
     * time-out: the server neither answered nor closed.
     */
    Envelope read() throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException | SocketException closed) {
            return END_OF_STREAM;
        }
        if (length < 0 || length > Frames.CLIENT_MAX_FRAME_BYTES) {
            throw new IOException("the server sent a frame of " + Integer.toUnsignedString(length) + " bytes");
        }
        byte[] body = new byte[length];
        try {
            in.readFully(body);
        } catch (EOFException | SocketException cut) {
            throw new IOException("the server closed the connection inside a frame of " + length + " bytes", cut);
        }
        return Envelope.parseFrom(body);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    /** A frame: the 4-byte big-endian length, then the body. */
    static byte[] frame(byte[] body) {
        return frame(body.length, body);
    }

    /** A frame whose length prefix says {@code declaredLength}, whatever the body's real length. */
    static byte[] frame(int declaredLength, byte[] body) {
        byte[] frame = new byte[Frames.LENGTH_FIELD_BYTES + body.length];
        frame[0] = (byte) (declaredLength >>> 24);
        frame[1] = (byte) (declaredLength >>> 16);
        frame[2] = (byte) (declaredLength >>> 8);
        frame[3] = (byte) declaredLength;
        System.arraycopy(body, 0, frame, Frames.LENGTH_FIELD_BYTES, body.length);
        return frame;
    }

    static byte[] frame(Envelope envelope) {
        return frame(envelope.toByteArray());
    }
}
