package io.tavern.server.admin;

import io.tavern.db.PageRequest;
import java.util.List;

/**
 * {@code ?page=&size=} of a list call: pages count from 0; {@value #DEFAULT_SIZE} items unless asked,
 * at most {@link PageRequest#MAX_SIZE}.
 */
record PageParams(int page, int size) {

    static final int DEFAULT_SIZE = 50;

    PageParams {
        if (page < 0) {
            throw AdminRejection.invalid("page counts from 0: " + page);
        }
        if (size < 1 || size > PageRequest.MAX_SIZE) {
            throw AdminRejection.invalid("size must be 1 to " + PageRequest.MAX_SIZE + ": " + size);
        }
    }

    PageRequest toRequest() {
        return new PageRequest(page, size);
    }

    /** This page of a list held in memory, which is therefore counted exactly. */
    <T> Page<T> of(List<T> all) {
        long from = Math.min((long) page * size, all.size());
        long to = Math.min(from + size, all.size());
        return new Page<>(all.subList((int) from, (int) to), page, size, (long) all.size());
    }

    /** A page read from the database, whose total is not counted. */
    <T> Page<T> ofStored(List<T> items) {
        return new Page<>(items, page, size, null);
    }
}
