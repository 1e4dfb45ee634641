/**
 * Tavern's persistence layer: Flyway migrations, a HikariCP pool, the bounded DB executor, the stores and
 * the chat archive. It knows nothing of Netty or sessions.
 *
 * <p>Every store method returns a {@link java.util.concurrent.CompletableFuture} and runs its JDBC on a
 * {@code tavern-db-*} thread of the {@link io.tavern.db.exec.DbExecutor}. Argument errors are thrown at the
 * call ({@link java.lang.IllegalArgumentException}, {@link java.lang.NullPointerException}); everything that
 * needs the database arrives through the future.
 */
package io.tavern.db;
