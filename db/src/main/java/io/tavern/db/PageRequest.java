package io.tavern.db;

/**
 * One page of an administrative list (bans, mutes, audit log): page numbers start at 0.
 * Chat history pages by cursor instead, see {@code ChatHistoryStore}.
 */
public record PageRequest(int page, int size) {

    public static final int MAX_SIZE = 500;

    public PageRequest {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more: " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be 1 to " + MAX_SIZE + ": " + size);
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(0, size);
    }

    public PageRequest next() {
        return new PageRequest(page + 1, size);
    }

    public long offset() {
        return (long) page * size;
    }
}
