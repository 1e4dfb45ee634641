/**
 * The admin REST API, under {@code /admin/api} on the HTTP port ({@code server.port}, 8080), described
 * for client generators at {@code /admin/api-docs} (OpenAPI) and {@code /admin/swagger-ui.html}.
 *
 * <p>Every call presents {@code Authorization: Bearer <token>}, the token of one of the operators
 * ({@code tavern.admin.operators-file}, or {@code tavern.admin.token} for one named {@code admin}); the
 * token says who calls, for the audit log, and with which role: {@code viewer} reads, {@code moderator}
 * also kicks, mutes, bans, announces and reads reports, {@code admin} may do everything (403 otherwise,
 * see {@code security.AdminAccessRules}). Bodies are
 * JSON, read strictly (an unknown field or a value of the wrong type is refused). Every error is an RFC
 * 9457 problem ({@code application/problem+json}) whose detail names the field, the value and what
 * would be valid, carrying the game protocol's error code as {@code code} where one applies
 * ({@link AdminExceptionHandler}, and {@link UnmappedAdminRequests} for paths no endpoint takes). Lists
 * take {@code page} (from 0) and {@code size} (1 to 500).
 *
 * <pre>
 * GET    /admin/api/stats
 * GET    /admin/api/sessions?user=&amp;room=&amp;ip=      GET /admin/api/sessions/{id}
 * POST   /admin/api/sessions/{id}/kick {reason}
 * GET    /admin/api/rooms?name=&amp;state=              GET /admin/api/rooms/{id}
 * DELETE /admin/api/rooms/{id}?reason=                GET /admin/api/rooms/{id}/history?before=&amp;limit=
 * GET    /admin/api/bans     PUT|DELETE /admin/api/bans/{user}  {duration | until | permanent, reason}
 * GET    /admin/api/mutes    PUT|DELETE /admin/api/mutes/{user} {duration | until | permanent, reason}
 * POST   /admin/api/announcements {text, room?}
 * GET    /admin/api/audit
 * </pre>
 *
 * <p>Every state-changing call is audited around its action ({@link AdminAudit}): what was asked is
 * written first, and the change is made only once it is; how it ended is recorded after. What it
 * changes in a live session or room is handed to that actor's serial executor; no HTTP thread touches
 * session or room state.
 */
package io.tavern.server.admin;
