package io.tavern.server.moderation;

import io.tavern.db.PageRequest;
import io.tavern.db.moderation.BanStore;
import io.tavern.db.moderation.MuteStore;
import io.tavern.db.moderation.Sanction;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bans and mutes: stored in the database (so they survive restarts), mirrored in memory (so chat and
 * joins check them without a query), and enforced on live sessions. A ban disconnects the user at
 * once; a mute makes their chat fail with {@code MUTED}. An online player is told of each with a
 * {@code ModerationEvent}. Live sessions are reached through their own serial executor, never touched
 * from the thread that finished the database write.
 */
public final class Moderation {

    private static final Logger log = LoggerFactory.getLogger(Moderation.class);

    private final BanStore bans;
    private final MuteStore mutes;
    private final SessionRegistry registry;
    private final SanctionCache activeBans = new SanctionCache();
    private final SanctionCache activeMutes = new SanctionCache();

    public Moderation(BanStore bans, MuteStore mutes, SessionRegistry registry) {
        this.bans = bans;
        this.mutes = mutes;
        this.registry = registry;
        activeBans.load(bans::listActive);
        activeMutes.load(mutes::listActive);
        log.info("moderation: {} active bans, {} active mutes", activeBans.size(), activeMutes.size());
    }

    /**
     * Bans {@code user} until {@code until} (null = permanently). If they are online they are told
     * ({@code ModerationEvent{BANNED}}) and disconnected ({@code Goodbye(BANNED)}).
     */
    public CompletableFuture<Sanction> ban(String user, Instant until, String reason, String by) {
        return bans.put(user, until, reason, by).thenApply(ban -> {
            activeBans.put(ban);
            log.info("banned {} until {} by {}: {}", user, until == null ? "forever" : until, by, reason);
            registry.byName(user).ifPresent(session -> session.executor().execute(() -> {
                session.send(event(ModerationEvent.Type.BANNED, ban));
                session.close(Goodbye.Reason.BANNED, "banned" + (reason == null ? "" : ": " + reason));
            }));
            return ban;
        });
    }

    /** Lifts the ban on {@code user}; false when there was none. */
    public CompletableFuture<Boolean> unban(String user, String by) {
        return bans.remove(user).thenApply(removed -> {
            activeBans.remove(user);
            if (removed) {
                log.info("unbanned {} by {}", user, by);
            }
            return removed;
        });
    }

    /** Mutes {@code user} until {@code until} (null = permanently); if online, they are told. */
    public CompletableFuture<Sanction> mute(String user, Instant until, String reason, String by) {
        return mutes.put(user, until, reason, by).thenApply(mute -> {
            activeMutes.put(mute);
            log.info("muted {} until {} by {}: {}", user, until == null ? "forever" : until, by, reason);
            tell(user, event(ModerationEvent.Type.MUTED, mute));
            return mute;
        });
    }

    /** Lifts the mute on {@code user}; false when there was none. If they are online, they are told. */
    public CompletableFuture<Boolean> unmute(String user, String by) {
        return mutes.remove(user).thenApply(removed -> {
            activeMutes.remove(user);
            if (removed) {
                log.info("unmuted {} by {}", user, by);
                tell(user, Envelope.newBuilder().setModerationEvent(ModerationEvent.newBuilder()
                        .setType(ModerationEvent.Type.UNMUTED).setBy(by)).build());
            }
            return removed;
        });
    }

    public CompletableFuture<List<Sanction>> bans(PageRequest page) {
        return bans.listActive(Instant.now(), page);
    }

    public CompletableFuture<List<Sanction>> mutes(PageRequest page) {
        return mutes.listActive(Instant.now(), page);
    }

    /** From memory: safe on any thread, including logic threads. */
    public Optional<Sanction> activeBan(String user) {
        return activeBans.activeFor(user, Instant.now());
    }

    /** From memory: safe on any thread, including logic threads. */
    public Optional<Sanction> activeMute(String user) {
        return activeMutes.activeFor(user, Instant.now());
    }

    /** Disconnects an online session on its own executor: {@code Kicked}, then {@code Goodbye(KICKED)}, then close. */
    public static void kick(Session session, String by, String reason) {
        session.executor().execute(() -> {
            session.send(Envelope.newBuilder().setKicked(Kicked.newBuilder()
                    .setScope(KickScope.FROM_SERVER)
                    .setBy(by)
                    .setReason(reason == null ? "" : reason)).build());
            session.close(Goodbye.Reason.KICKED, "kicked by " + by + (reason == null ? "" : ": " + reason));
        });
    }

    /**
     * Sends {@code event} to {@code user}'s session if they are online, from the session's own executor:
     * in order with everything else the session sends.
     */
    private void tell(String user, Envelope event) {
        registry.byName(user).ifPresent(session -> session.executor().execute(() -> session.send(event)));
    }

    private static Envelope event(ModerationEvent.Type type, Sanction sanction) {
        return Envelope.newBuilder().setModerationEvent(ModerationEvent.newBuilder()
                .setType(type)
                .setUntilMs(sanction.end().map(Instant::toEpochMilli).orElse(0L))
                .setReason(sanction.reason() == null ? "" : sanction.reason())
                .setBy(sanction.by())).build();
    }
}
