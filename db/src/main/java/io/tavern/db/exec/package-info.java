/**
 * Where blocking and slow work runs: the {@link io.tavern.db.exec.BoundedExecutor} (named threads, a bounded
 * queue, SERVER_BUSY when full), the {@link io.tavern.db.exec.DbExecutor} built on it, and the thread rule
 * that keeps JDBC off event-loop and logic threads ({@link io.tavern.db.exec.DbThreads}).
 */
package io.tavern.db.exec;
