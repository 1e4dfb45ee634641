/**
 * Why the server did not start, told in one line. Each {@code FailureAnalyzer} here recognises one kind of
 * failure an operator can fix (a port in use, the database locked, unreachable or refusing, a setting out of
 * range or unknown) and says what failed, where, and how to fix it; {@link
 * io.tavern.server.startup.OneLineFailureReporter} prints that as the last line of the log, in place of
 * Spring Boot's multi-line report. Both are registered in {@code META-INF/spring.factories}; the server's
 * {@code main} then exits with status 1.
 */
package io.tavern.server.startup;
