package io.tavern.db.testing;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/** Runs code on a thread with a given name (an event loop's, a logic thread's) and reports what it threw. */
public final class NamedThread {

    private NamedThread() {
    }

    public static Optional<Throwable> failureOf(String threadName, Callable<?> work) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                work.call();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, threadName);
        thread.start();
        thread.join(30_000);
        return Optional.ofNullable(failure.get());
    }
}
