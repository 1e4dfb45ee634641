package io.tavern.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;

/**
 * A server on loopback that is not Tavern: it reads whatever a client sends first, answers every
 * connection with the same bytes, then hangs up, the way an HTTP server answers a Hello with
 * "400 Bad Request". What a client makes of a port that belongs to another service.
 */
public final class ForeignPeer implements AutoCloseable {

    /** Roughly what the server's HTTP port says to a Tavern Hello. */
    public static final byte[] HTTP_400 = ("HTTP/1.1 400 \r\nContent-Type: text/html;charset=utf-8\r\n"
            + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ServerSocket socket;

    private ForeignPeer(byte[] answer) throws IOException {
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> serve(answer), "foreign-peer");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every connection with {@code answer}, once the client has sent something. */
    public static ForeignPeer answering(byte[] answer) throws IOException {
        return new ForeignPeer(answer);
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve(byte[] answer) {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                InputStream in = client.getInputStream();
                in.read(new byte[512]);
                OutputStream out = client.getOutputStream();
                out.write(answer);
                out.flush();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // that client is gone; serve the next
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
