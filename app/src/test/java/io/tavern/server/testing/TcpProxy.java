package io.tavern.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on a loopback port, in front of a database server, that a test can cut and restore: an
 * outage without stopping the database. (The same tool as the db module's test proxy, which that
 * module does not export.)
 *
 * <p>{@link #cut()} drops every live connection (the driver sees it break mid-conversation) and, until
 * {@link #restore()}, closes each new one as soon as it is accepted, as a stopped server would refuse it.
 * Two pump threads per connection copy the bytes each way.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Link> links = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean closed;

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        Thread acceptor = new Thread(this::acceptLoop, "proxy-accept-" + port());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every live connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        links.forEach(Link::close);
    }

    public void restore() {
        cut = false;
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            try {
                Link link = new Link(client, new Socket(targetHost, targetPort));
                links.add(link);
                if (cut) { // cut while we were connecting
                    link.close();
                    continue;
                }
                link.start();
            } catch (IOException unreachable) {
                closeQuietly(client);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        links.forEach(Link::close);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all we want
        }
    }

    /** One proxied connection: both sockets and the two pumps between them. */
    private final class Link {
        private final Socket client;
        private final Socket server;

        Link(Socket client, Socket server) throws IOException {
            this.client = client;
            this.server = server;
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
        }

        void start() {
            pump(client, server, "up");
            pump(server, client, "down");
        }

        private void pump(Socket from, Socket to, String direction) {
            Thread pump = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        out.write(buffer, 0, read);
                        out.flush();
                    }
                } catch (IOException dropped) {
                    // a cut, or the other side closed: this link is over either way
                } finally {
                    close();
                }
            }, "proxy-" + direction + "-" + from.getPort());
            pump.setDaemon(true);
            pump.start();
        }

        void close() {
            links.remove(this);
            closeQuietly(client);
            closeQuietly(server);
        }
    }
}
