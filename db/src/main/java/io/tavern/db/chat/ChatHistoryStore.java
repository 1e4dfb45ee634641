package io.tavern.db.chat;

import io.tavern.db.Database;
import io.tavern.db.Timestamps;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the chat archive: a channel's history newest first, a page at a time, by an opaque cursor.
 *
 * <p>Messages reach the table through the write-behind {@link ChatArchive}, so the last fraction of a
 * second (its flush interval) may not be readable yet.
 */
public final class ChatHistoryStore {

    /** The largest page a client may ask for. */
    public static final int MAX_PAGE_SIZE = 100;

    private static final String NEWEST = "SELECT " + ChatMessageTable.COLUMNS + " FROM chat_message"
            + " WHERE scope_key = ? ORDER BY sent_at DESC, id DESC LIMIT ?";
    // The row comparison is exactly "older than the cursor" in (sent_at, id) order, and PostgreSQL walks
    // chat_message_history_ix backwards from that point.
    private static final String OLDER = "SELECT " + ChatMessageTable.COLUMNS + " FROM chat_message"
            + " WHERE scope_key = ? AND (sent_at, id) < (?, ?) ORDER BY sent_at DESC, id DESC LIMIT ?";
    private static final String LATEST_ID = "SELECT MAX(id) FROM chat_message WHERE scope_key = ?";

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
        HistoryCursor cursor = before == null || before.isEmpty() ? null : HistoryCursor.decode(before);
        String key = channel.key();
        // One row more than asked tells whether an older page exists.
        int fetch = limit + 1;
        return database.submit(jdbc -> {
            List<ArchivedMessage> rows = cursor == null
                    ? jdbc.query(NEWEST, statement -> {
                        statement.setString(1, key);
                        statement.setInt(2, fetch);
                    }, ChatMessageTable.MESSAGE)
                    : jdbc.query(OLDER, statement -> {
                        statement.setString(1, key);
                        Timestamps.set(statement, 2, cursor.sentAt());
                        statement.setLong(3, cursor.id());
                        statement.setInt(4, fetch);
                    }, ChatMessageTable.MESSAGE);
            if (rows.size() <= limit) {
                return new HistoryPage(rows, Optional.empty());
            }
            List<ArchivedMessage> page = rows.subList(0, limit);
            return new HistoryPage(page, Optional.of(HistoryCursor.after(page.get(limit - 1)).encode()));
        });
    }

    /**
     * The highest id archived in {@code channel}, for continuing its id sequence after a restart (ids that
     * started over would collide with archived ones, and the archive keeps the first of two equal keys).
     */
    public CompletableFuture<OptionalLong> latestId(ChatChannel channel) {
        Objects.requireNonNull(channel, "channel");
        String key = channel.key();
        return database.submit(jdbc -> {
            Long max = jdbc.queryForObject(LATEST_ID, Long.class, key);
            return max == null ? OptionalLong.empty() : OptionalLong.of(max);
        });
    }
}
