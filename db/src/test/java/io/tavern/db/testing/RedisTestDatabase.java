package io.tavern.db.testing;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * One Redis database number for one test, leased from a {@link RedisTestServer}: empty when handed out,
 * emptied and given back by {@link #close()}.
 *
 * <p>Keys are per database; Pub/Sub channels are not (they span the whole server, and other test runs share
 * it): name channels with {@link #namespace()} so that a test hears only its own.
 */
public final class RedisTestDatabase implements AutoCloseable {

    private final RedisTestServer server;
    private final int number;
    private final String owner;

    RedisTestDatabase(RedisTestServer server, int number, String owner) {
        this.server = server;
        this.number = number;
        this.owner = owner;
    }

    public RedisTestServer server() {
        return server;
    }

    /** The database number, 1 or above. */
    public int number() {
        return number;
    }

    /** Lettuce's url of this database. */
    public RedisURI uri() {
        return server.uriOf(number);
    }

    /** This database as a url string ({@code redis://host:port/number}), for configuration properties. */
    public String url() {
        return "redis://" + server.host() + ":" + server.port() + "/" + number;
    }

    /** A prefix no other lease shares, for what the database does not separate: Pub/Sub channel names. */
    public String namespace() {
        return "tavern-test-" + owner.substring(0, 8) + "-" + number + ":";
    }

    void flush() {
        server.onDatabase(number, RedisCommands::flushdb);
    }

    /** Empties the database and gives the number back. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            server.release(number, owner);
        }
    }

    @Override
    public String toString() {
        return url();
    }
}
