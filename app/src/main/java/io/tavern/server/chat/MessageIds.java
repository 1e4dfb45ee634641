package io.tavern.server.chat;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out a scope's chat message ids: strictly increasing within the scope, and still increasing
 * after a restart, because each id is at least the current time in milliseconds times 1024. Archived
 * history of a lobby that outlives the process therefore never sees an id twice. The ids stay below
 * 2^53, so JavaScript clients read them exactly.
 *
 * <p>Thread-safe (whispers draw from many session executors); on a serial executor the atomic is
 * uncontended and costs next to nothing.
 */
public final class MessageIds {

    static final int PER_MILLISECOND = 1024;

    private final AtomicLong last = new AtomicLong();

    public long next() {
        long floor = System.currentTimeMillis() * PER_MILLISECOND;
        return last.updateAndGet(previous -> Math.max(previous + 1, floor));
    }
}
