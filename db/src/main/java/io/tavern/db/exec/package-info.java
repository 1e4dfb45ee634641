/**
 * Where JDBC runs: the bounded {@link io.tavern.db.exec.DbExecutor} and the thread rule that keeps JDBC off
 * event-loop and logic threads ({@link io.tavern.db.exec.DbThreads}).
 */
package io.tavern.db.exec;
