package io.tavern.db.chat;

import io.tavern.db.Database;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads the chat archive: a channel's history newest first, a page at a time, by an opaque cursor.
 *
 * <p>Each page is one walk down the primary key (channel, id) from the cursor: ids are unique and grow
 * with time, so "newest first" is "highest id first". Rows are also checked against what the channel is
 * made of ({@link ChatChannel#filter()}), so a channel id shared by two channels (a hash collision) shows
 * neither the other's messages.
 *
 * <p>Messages reach the table through the write-behind {@link ChatArchive}, so the last fraction of a
 * second (its flush interval) may not be readable yet.
 */
public final class ChatHistoryStore {

    /** The largest page a client may ask for. */
    public static final int MAX_PAGE_SIZE = 100;

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
        String sql = "SELECT " + ChatMessageTable.COLUMNS + " FROM chat_message WHERE channel = ? AND "
                + channel.filter() + (cursor == null ? "" : " AND id < ?") + " ORDER BY id DESC LIMIT ?";
        // One row more than asked tells whether an older page exists.
        int fetch = limit + 1;
        return database.submit(jdbc -> {
            List<ArchivedMessage> rows = jdbc.query(sql, statement -> {
                statement.setLong(1, channel.id());
                int next = channel.bindFilter(statement, 2);
                if (cursor != null) {
                    statement.setLong(next++, cursor.id());
                }
                statement.setInt(next, fetch);
            }, ChatMessageTable.MESSAGE);
            if (rows.size() <= limit) {
                return new HistoryPage(rows, Optional.empty());
            }
            List<ArchivedMessage> page = rows.subList(0, limit);
            return new HistoryPage(page, Optional.of(HistoryCursor.after(page.get(limit - 1)).encode()));
        });
    }
}
