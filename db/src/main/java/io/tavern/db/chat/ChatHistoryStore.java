package io.tavern.db.chat;

import io.tavern.db.Database;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the chat archive: a channel's history newest first, a page at a time, by an opaque cursor.
 *
 * <p>The archive stores chunks ({@link ChatChunk}): a channel's messages of one batch in one row. A page
 * walks the channel's chunks down the primary key (channel, last_id), 4 at first, then twice as many
 * each query up to 64, decodes them and
 * keeps the highest ids below the cursor; ids are unique and grow with time within a channel, so "newest
 * first" is "highest id first". It stops at the first chunk whose last id is below every message it keeps:
 * no older chunk can hold a newer one. Chunks of one channel written by two nodes may overlap in ids; the
 * walk is right for those too. Chunks are also checked against the channel's key, so a channel id shared by
 * two channels (a hash collision) shows neither the other's messages.
 *
 * <p>Messages reach the table through the write-behind {@link ChatArchive}, so the last fraction of a
 * second (its flush interval) may not be readable yet.
 */
public final class ChatHistoryStore {

    /** The largest page a client may ask for. */
    public static final int MAX_PAGE_SIZE = 100;
    /**
     * Chunks read by a page's first query: a busy channel's page is within one or two chunks. Each further
     * query reads twice as many, up to {@link #MAX_CHUNKS_PER_QUERY}: a quiet channel (a message per chunk)
     * takes a few queries per page, not one per message, and a busy one never reads far past its page.
     */
    private static final int FIRST_CHUNKS_PER_QUERY = 4;
    private static final int MAX_CHUNKS_PER_QUERY = 64;
    private static final Comparator<ArchivedMessage> NEWEST_FIRST =
            Comparator.comparingLong(ArchivedMessage::id).reversed();

    private final Database database;

    public ChatHistoryStore(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * A page of {@code channel}'s history, newest first.
     *
     * @param before where to start: {@code null} or empty for the newest messages, else a
     *               {@link HistoryPage#nextCursor()} from an earlier page
     * @param limit  1 to {@value #MAX_PAGE_SIZE}
     * @throws InvalidCursorException   when {@code before} is not a cursor this store made
     * @throws IllegalArgumentException when {@code limit} is out of range
     */
    public CompletableFuture<HistoryPage> page(ChatChannel channel, String before, int limit) {
        Objects.requireNonNull(channel, "channel");
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE_SIZE + ": " + limit);
        }
        long below = before == null || before.isEmpty() ? Long.MAX_VALUE : HistoryCursor.decode(before).id();
        return database.submit(jdbc -> {
            // One message more than asked tells whether an older page exists.
            List<ArchivedMessage> newest = newestBelow(jdbc, channel, below, limit + 1);
            if (newest.size() <= limit) {
                return new HistoryPage(newest, Optional.empty());
            }
            List<ArchivedMessage> page = newest.subList(0, limit);
            return new HistoryPage(page, Optional.of(HistoryCursor.after(page.get(limit - 1)).encode()));
        });
    }

    /** Up to {@code count} of the channel's messages with ids below {@code below}, newest first. */
    private static List<ArchivedMessage> newestBelow(JdbcTemplate jdbc, ChatChannel channel, long below, int count) {
        List<ArchivedMessage> kept = new ArrayList<>();
        long lastIdBelow = Long.MAX_VALUE;
        int perQuery = FIRST_CHUNKS_PER_QUERY;
        while (true) {
            long chunksBelow = lastIdBelow;
            int fetch = perQuery;
            List<StoredChunk> chunks = jdbc.query(ChatChunkTable.PAGE, statement -> {
                statement.setLong(1, channel.id());
                statement.setString(2, channel.key());
                statement.setLong(3, chunksBelow);
                statement.setLong(4, below);
                statement.setInt(5, fetch);
            }, (row, n) -> new StoredChunk(row.getLong("last_id"), row.getBytes("body")));
            for (StoredChunk chunk : chunks) {
                if (kept.size() == count && chunk.lastId() < kept.get(count - 1).id()) {
                    return kept; // this chunk and every later one hold only older messages than those kept
                }
                for (ArchivedMessage message : ChunkDecoder.decode(channel, chunk.body())) {
                    if (message.id() < below) {
                        kept.add(message);
                    }
                }
                kept.sort(NEWEST_FIRST);
                if (kept.size() > count) {
                    kept.subList(count, kept.size()).clear();
                }
            }
            if (chunks.size() < fetch) {
                return kept;
            }
            lastIdBelow = chunks.get(chunks.size() - 1).lastId();
            perQuery = Math.min(2 * perQuery, MAX_CHUNKS_PER_QUERY);
        }
    }

    private record StoredChunk(long lastId, byte[] body) {
    }
}
