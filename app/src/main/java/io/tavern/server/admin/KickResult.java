package io.tavern.server.admin;

/** The answer to a kick: the session and user it reached, and the reason they were given. */
public record KickResult(String session, String user, String reason, long auditId) {
}
