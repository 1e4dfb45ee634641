/**
 * What operators watch: Micrometer meters (scraped at {@code /actuator/prometheus}), the readiness
 * indicators, and the start-up summary line.
 *
 * <p>Meters bound here, read from the tiers' own counters when scraped: {@code tavern.connections.current},
 * {@code .accepted}, {@code .rejected{reason}}; {@code tavern.frames.in|out}, {@code tavern.bytes.in|out},
 * {@code tavern.send.writes}, {@code tavern.slow.consumer.closes}, {@code tavern.send.queue.bytes}
 * (sampled distribution), {@code tavern.sessions}, {@code tavern.sessions.logged.in},
 * {@code tavern.rooms{state}}, {@code tavern.chat.messages{scope}}, {@code tavern.logins{outcome}},
 * {@code tavern.errors{code}}. Registered by the tiers themselves: {@code tavern.send.frames.per.write},
 * {@code tavern.logic.*}, {@code tavern.db.*} (queue depth, task latency, archive backlog and batch
 * latency).
 *
 * <p>Readiness ({@code /actuator/health/readiness}) means "can serve players": DOWN while the game port
 * does not accept ({@code gamePort}: before binding, and from the first moment of a graceful shutdown) and
 * once Spring starts closing ({@code readinessState}). A database outage is not in it, since chat goes on
 * through one: it shows in {@code /actuator/health} ({@code database}: DOWN while the database does not
 * answer or the chat archive cannot write) and in {@code tavern.db.available}, {@code tavern.db.outages}
 * and {@code tavern.db.unavailable.duration}. Details need the admin token.
 */
package io.tavern.server.observability;
