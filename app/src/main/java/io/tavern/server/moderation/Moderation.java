package io.tavern.server.moderation;

import io.tavern.db.PageRequest;
import io.tavern.db.moderation.AddressBanStore;
import io.tavern.db.moderation.BanStore;
import io.tavern.db.moderation.MuteStore;
import io.tavern.db.moderation.Sanction;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bans and mutes: stored in the database (so they survive restarts), mirrored in memory (so chat and
 * joins check them without a query), and enforced on live sessions. A ban disconnects the user at
 * once; a mute makes their chat fail with {@code MUTED}. An online player is told of each with a
 * {@code ModerationEvent}. Live sessions are reached through their own serial executor, never touched
 * from the thread that finished the database write.
 *
 * <p>A ban or mute put on a registered name holds the account, whatever it is called later; one on a
 * name no account has (a guest's) holds the name. An address ban holds a range of addresses and refuses
 * whom {@link AddressBanPolicy} says: by default guests and new accounts, not accounts that exist.
 *
 * <p>Sanctions with an end are removed by {@link #sweepExpired} once it has passed; a player whose mute
 * ran out is then told ({@code ModerationEvent{UNMUTED}} with an empty {@code by}). The in-memory checks
 * stop at the end by themselves: the sweep only tidies the tables and tells the players.
 */
public final class Moderation {

    private static final Logger log = LoggerFactory.getLogger(Moderation.class);

    /** Who is logging in, for an address ban's sake. */
    public enum Entrant {
        GUEST,
        /** a registration: an account nobody knows yet, no more trusted than a guest */
        NEW_ACCOUNT,
        ACCOUNT
    }

    /**
     * Whom an address ban refuses, from {@code tavern.moderation.*}.
     *
     * @param guests   guests and registrations
     * @param accounts accounts that exist
     */
    public record AddressBanPolicy(boolean guests, boolean accounts) {

        boolean refuses(Entrant entrant) {
            return entrant == Entrant.ACCOUNT ? accounts : guests;
        }
    }

    /**
     * A ban that refuses a login.
     *
     * @param onAddress whether it is a ban of the player's address range rather than of the player
     */
    public record ActiveBan(Sanction sanction, boolean onAddress) {
    }

    private final BanStore bans;
    private final MuteStore mutes;
    private final AddressBanStore addressBans;
    private final SessionRegistry registry;
    private final AddressBanPolicy policy;
    private final SanctionCache activeBans = new SanctionCache();
    private final SanctionCache activeMutes = new SanctionCache();
    private final AddressBanCache activeAddressBans = new AddressBanCache();

    public Moderation(BanStore bans, MuteStore mutes, AddressBanStore addressBans, SessionRegistry registry,
                      AddressBanPolicy policy) {
        this.bans = bans;
        this.mutes = mutes;
        this.addressBans = addressBans;
        this.registry = registry;
        this.policy = policy;
        activeBans.load(bans::listActive);
        activeMutes.load(mutes::listActive);
        activeAddressBans.load(addressBans::listActive);
        log.info("moderation: {} active bans, {} active mutes, {} active address bans", activeBans.size(),
                activeMutes.size(), activeAddressBans.size());
    }

    /**
     * Bans {@code user} until {@code until} (null = permanently). If they are online they are told
     * ({@code ModerationEvent{BANNED}}) and disconnected ({@code Goodbye(BANNED)}).
     */
    public CompletableFuture<Sanction> ban(String user, Instant until, String reason, String by) {
        return bans.put(user, until, reason, by).thenApply(ban -> {
            activeBans.put(ban);
            log.info("banned {}{} until {} by {}: {}", user, ban.isByAccount() ? " (account " + ban.accountId() + ")" : "",
                    until == null ? "forever" : until, by, reason);
            registry.byName(user).ifPresent(session -> disconnect(session, ban));
            return ban;
        });
    }

    /** Lifts the ban on {@code user} (the name's, and its account's); false when there was none. */
    public CompletableFuture<Boolean> unban(String user, String by) {
        return bans.lift(user).thenApply(lifted -> {
            lifted.forEach(activeBans::remove);
            if (!lifted.isEmpty()) {
                log.info("unbanned {} by {}", user, by);
            }
            return !lifted.isEmpty();
        });
    }

    /**
     * Bans the addresses of {@code range} until {@code until} (null = permanently). Online players from the
     * range whom the policy refuses are told and disconnected, as a banned player is.
     */
    public CompletableFuture<Sanction> banAddresses(AddressRange range, Instant until, String reason, String by) {
        return addressBans.put(range.key(), until, reason, by).thenApply(ban -> {
            activeAddressBans.put(ban);
            log.info("banned addresses {} until {} by {}: {}", range, until == null ? "forever" : until, by, reason);
            for (Session session : registry.loggedIn()) {
                InetSocketAddress remote = session.remoteAddress();
                if (remote != null && range.contains(remote.getAddress())
                        && policy.refuses(session.isGuest() ? Entrant.GUEST : Entrant.ACCOUNT)) {
                    disconnect(session, ban);
                }
            }
            return ban;
        });
    }

    /** Lifts the ban on {@code range}; false when there was none. */
    public CompletableFuture<Boolean> unbanAddresses(AddressRange range, String by) {
        return addressBans.remove(range.key()).thenApply(removed -> {
            activeAddressBans.remove(range.key());
            if (removed) {
                log.info("unbanned addresses {} by {}", range, by);
            }
            return removed;
        });
    }

    /** Mutes {@code user} until {@code until} (null = permanently); if online, they are told. */
    public CompletableFuture<Sanction> mute(String user, Instant until, String reason, String by) {
        return mutes.put(user, until, reason, by).thenApply(mute -> {
            activeMutes.put(mute);
            log.info("muted {}{} until {} by {}: {}", user, mute.isByAccount() ? " (account " + mute.accountId() + ")" : "",
                    until == null ? "forever" : until, by, reason);
            tell(user, event(ModerationEvent.Type.MUTED, mute));
            return mute;
        });
    }

    /** Lifts the mute on {@code user}; false when there was none. If they are online, they are told. */
    public CompletableFuture<Boolean> unmute(String user, String by) {
        return mutes.lift(user).thenApply(lifted -> {
            lifted.forEach(activeMutes::remove);
            if (!lifted.isEmpty()) {
                log.info("unmuted {} by {}", user, by);
                tell(user, unmuted(by));
            }
            return !lifted.isEmpty();
        });
    }

    public CompletableFuture<List<Sanction>> bans(PageRequest page) {
        return bans.listActive(Instant.now(), page);
    }

    public CompletableFuture<List<Sanction>> mutes(PageRequest page) {
        return mutes.listActive(Instant.now(), page);
    }

    public CompletableFuture<List<Sanction>> addressBans(PageRequest page) {
        return addressBans.listActive(Instant.now(), page);
    }

    /**
     * The ban that refuses a login, from memory: safe on any thread, including logic threads.
     *
     * @param identity the account logging in; null for a guest or a registration
     * @param from     where the player connects from; null when unknown
     */
    public Optional<ActiveBan> banOn(Entrant entrant, String name, PlayerIdentity identity, InetSocketAddress from) {
        Instant now = Instant.now();
        Optional<Sanction> onPlayer = activeBans.activeFor(name, accountOf(identity), now);
        if (onPlayer.isPresent()) {
            return Optional.of(new ActiveBan(onPlayer.get(), false));
        }
        if (!policy.refuses(entrant)) {
            return Optional.empty();
        }
        InetAddress address = from == null ? null : from.getAddress();
        return activeAddressBans.activeFor(address, now).map(ban -> new ActiveBan(ban, true));
    }

    /** The ban on a logged-in player, from memory: safe on any thread, including logic threads. */
    public Optional<ActiveBan> activeBan(Session session) {
        return banOn(session.isGuest() ? Entrant.GUEST : Entrant.ACCOUNT, session.user(), session.identity(),
                session.remoteAddress());
    }

    /** The mute on a logged-in player, from memory: safe on any thread, including logic threads. */
    public Optional<Sanction> activeMute(Session session) {
        return activeMutes.activeFor(session.user(), accountOf(session.identity()), Instant.now());
    }

    /**
     * Removes the bans, mutes and address bans whose end has passed, {@code batchSize} rows per statement
     * until none is left, and tells each player whose mute ran out and who is online. On the DB executor; the
     * players are told on their own executors.
     *
     * @return how many were removed
     */
    public CompletableFuture<Integer> sweepExpired(int batchSize) {
        Instant now = Instant.now();
        return sweep(bans::removeExpired, now, batchSize, ban -> activeBans.removeEnded(ban, now))
                .thenCombine(sweep(addressBans::removeExpired, now, batchSize,
                        ban -> activeAddressBans.removeEnded(ban, now)), Integer::sum)
                .thenCombine(sweep(mutes::removeExpired, now, batchSize, mute -> {
                    activeMutes.removeEnded(mute, now);
                    log.info("mute on {} ran out at {}", mute.user(), mute.until());
                    tell(mute.user(), unmuted(""));
                }), Integer::sum);
    }

    private static CompletableFuture<Integer> sweep(BiFunction<Instant, Integer, CompletableFuture<List<Sanction>>> removeExpired,
                                                    Instant now, int batchSize, Consumer<Sanction> ended) {
        return removeExpired.apply(now, batchSize).thenCompose(removed -> {
            removed.forEach(ended);
            return removed.size() < batchSize ? CompletableFuture.completedFuture(removed.size())
                    : sweep(removeExpired, now, batchSize, ended).thenApply(more -> more + removed.size());
        });
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

    private static Long accountOf(PlayerIdentity identity) {
        return identity == null || identity.accountId().isEmpty() ? null : identity.accountId().getAsLong();
    }

    /** Tells a banned session why, then closes it: on its own executor. */
    private static void disconnect(Session session, Sanction ban) {
        session.executor().execute(() -> {
            session.send(event(ModerationEvent.Type.BANNED, ban));
            session.close(Goodbye.Reason.BANNED, "banned" + (ban.reason() == null ? "" : ": " + ban.reason()));
        });
    }

    /**
     * Sends {@code event} to {@code user}'s session if they are online, from the session's own executor:
     * in order with everything else the session sends.
     */
    private void tell(String user, Envelope event) {
        registry.byName(user).ifPresent(session -> session.executor().execute(() -> session.send(event)));
    }

    /** @param by the operator who lifted it; empty when it ran out */
    private static Envelope unmuted(String by) {
        return Envelope.newBuilder().setModerationEvent(ModerationEvent.newBuilder()
                .setType(ModerationEvent.Type.UNMUTED).setBy(by)).build();
    }

    private static Envelope event(ModerationEvent.Type type, Sanction sanction) {
        return Envelope.newBuilder().setModerationEvent(ModerationEvent.newBuilder()
                .setType(type)
                .setUntilMs(sanction.end().map(Instant::toEpochMilli).orElse(0L))
                .setReason(sanction.reason() == null ? "" : sanction.reason())
                .setBy(sanction.by())).build();
    }
}
