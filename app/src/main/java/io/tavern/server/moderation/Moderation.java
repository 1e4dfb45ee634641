package io.tavern.server.moderation;

import io.tavern.db.PageRequest;
import io.tavern.db.moderation.AddressSanctionStore;
import io.tavern.db.moderation.SanctionKind;
import io.tavern.db.moderation.NameSanctionStore;
import io.tavern.db.moderation.Sanction;
import io.tavern.protocol.v1.Envelope;
import io.tavern.protocol.v1.Goodbye;
import io.tavern.protocol.v1.KickScope;
import io.tavern.protocol.v1.Kicked;
import io.tavern.protocol.v1.ModerationEvent;
import io.tavern.server.session.PlayerIdentity;
import io.tavern.server.session.Session;
import io.tavern.server.session.SessionRegistry;
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
 * whom its {@link RangePolicy} says: by default guests and new accounts, not accounts that exist. An address
 * mute holds a range too, and makes the chat of whom its policy says fail with {@code MUTED}: by default
 * everyone from the range (a mute is the lighter sanction, and a muted guest must not chat again by
 * registering an account).
 *
 * <p>Sanctions with an end are removed by {@link #sweepExpired} once it has passed; a player whose mute
 * ran out is then told ({@code ModerationEvent{UNMUTED}} with an empty {@code by}). The in-memory checks
 * stop at the end by themselves: the sweep only tidies the tables and tells the players.
 */
public final class Moderation {

    private static final Logger log = LoggerFactory.getLogger(Moderation.class);

    /** Who is logging in or chatting, for an address sanction's sake. */
    public enum Entrant {
        GUEST,
        /** a registration: an account nobody knows yet, no more trusted than a guest */
        NEW_ACCOUNT,
        ACCOUNT;

        static Entrant of(Session loggedIn) {
            return loggedIn.isGuest() ? GUEST : ACCOUNT;
        }
    }

    /**
     * Whom a sanction on an address range reaches, from {@code tavern.moderation.*}.
     *
     * @param guests   guests and registrations
     * @param accounts accounts that exist
     */
    public record RangePolicy(boolean guests, boolean accounts) {

        boolean reaches(Entrant entrant) {
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

    private final NameSanctionStore names;
    private final SessionRegistry registry;
    private final SanctionCache activeBans = new SanctionCache();
    private final SanctionCache activeMutes = new SanctionCache();
    private final AddressSanctions addressBans;
    private final AddressSanctions addressMutes;

    /**
     * @param banPolicy  whom an address ban refuses
     * @param mutePolicy whom an address mute silences
     */
    public Moderation(NameSanctionStore names, AddressSanctionStore addressSanctions, SessionRegistry registry,
                      RangePolicy banPolicy, RangePolicy mutePolicy) {
        this.names = names;
        this.registry = registry;
        activeBans.load((now, page) -> names.listActive(SanctionKind.BAN, now, page));
        activeMutes.load((now, page) -> names.listActive(SanctionKind.MUTE, now, page));
        this.addressBans = new AddressSanctions(SanctionKind.BAN, addressSanctions, banPolicy);
        this.addressMutes = new AddressSanctions(SanctionKind.MUTE, addressSanctions, mutePolicy);
        log.info("moderation: {} active bans, {} active mutes, {} active address bans, {} active address mutes",
                activeBans.size(), activeMutes.size(), addressBans.size(), addressMutes.size());
    }

    /**
     * Bans {@code user} until {@code until} (null = permanently). If they are online they are told
     * ({@code ModerationEvent{BANNED}}) and disconnected ({@code Goodbye(BANNED)}).
     */
    public CompletableFuture<Sanction> ban(String user, Instant until, String reason, String by) {
        return names.put(SanctionKind.BAN, user, until, reason, by).thenApply(ban -> {
            activeBans.put(ban);
            log.info("banned {}{} until {} by {}: {}", user, ban.isByAccount() ? " (account " + ban.accountId() + ")" : "",
                    until == null ? "forever" : until, by, reason);
            registry.byName(user).ifPresent(session -> disconnect(session, ban));
            return ban;
        });
    }

    /** Lifts the ban on {@code user} (the name's, and its account's); false when there was none. */
    public CompletableFuture<Boolean> unban(String user, String by) {
        return names.lift(SanctionKind.BAN, user).thenApply(lifted -> {
            lifted.forEach(activeBans::remove);
            if (!lifted.isEmpty()) {
                log.info("unbanned {} by {}", user, by);
            }
            return !lifted.isEmpty();
        });
    }

    /**
     * Bans or mutes the addresses of {@code range} until {@code until} (null = permanently). Online players from
     * the range whom it reaches are told: a ban disconnects them, as a banned player is; a mute is announced
     * ({@code ModerationEvent{MUTED}}), as a muted player's is.
     */
    public CompletableFuture<Sanction> sanctionAddresses(SanctionKind kind, AddressRange range, Instant until, String reason,
                                                         String by) {
        AddressSanctions sanctions = of(kind);
        return sanctions.put(range, until, reason, by).thenApply(sanction -> {
            log.info("{} addresses {} until {} by {}: {}", kind == SanctionKind.BAN ? "banned" : "muted", range,
                    until == null ? "forever" : until, by, reason);
            for (Session session : sanctions.reached(range, registry)) {
                switch (kind) {
                    case BAN -> disconnect(session, sanction);
                    case MUTE -> tell(session, event(ModerationEvent.Type.MUTED, sanction));
                }
            }
            return sanction;
        });
    }

    /**
     * Lifts the ban or mute on {@code range}; false when there was none. Online players from the range whom a
     * lifted mute reached, and no other mute does, are told ({@code ModerationEvent{UNMUTED}}).
     */
    public CompletableFuture<Boolean> liftFromAddresses(SanctionKind kind, AddressRange range, String by) {
        return of(kind).lift(range).thenApply(removed -> {
            if (removed) {
                log.info("{} addresses {} by {}", kind == SanctionKind.BAN ? "unbanned" : "unmuted", range, by);
                if (kind == SanctionKind.MUTE) {
                    tellUnmuted(range, by);
                }
            }
            return removed;
        });
    }

    /** The bans or mutes of address ranges in force, newest first. */
    public CompletableFuture<List<Sanction>> onAddresses(SanctionKind kind, PageRequest page) {
        return of(kind).list(page);
    }

    /** Mutes {@code user} until {@code until} (null = permanently); if online, they are told. */
    public CompletableFuture<Sanction> mute(String user, Instant until, String reason, String by) {
        return names.put(SanctionKind.MUTE, user, until, reason, by).thenApply(mute -> {
            activeMutes.put(mute);
            log.info("muted {}{} until {} by {}: {}", user, mute.isByAccount() ? " (account " + mute.accountId() + ")" : "",
                    until == null ? "forever" : until, by, reason);
            tell(user, event(ModerationEvent.Type.MUTED, mute));
            return mute;
        });
    }

    /** Lifts the mute on {@code user}; false when there was none. If they are online, they are told. */
    public CompletableFuture<Boolean> unmute(String user, String by) {
        return names.lift(SanctionKind.MUTE, user).thenApply(lifted -> {
            lifted.forEach(activeMutes::remove);
            if (!lifted.isEmpty()) {
                log.info("unmuted {} by {}", user, by);
                registry.byName(user).ifPresent(session -> tellIfUnmuted(session, by));
            }
            return !lifted.isEmpty();
        });
    }

    public CompletableFuture<List<Sanction>> bans(PageRequest page) {
        return names.listActive(SanctionKind.BAN, Instant.now(), page);
    }

    public CompletableFuture<List<Sanction>> mutes(PageRequest page) {
        return names.listActive(SanctionKind.MUTE, Instant.now(), page);
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
        return addressBans.on(entrant, from, now).map(ban -> new ActiveBan(ban, true));
    }

    /** The ban on a logged-in player, from memory: safe on any thread, including logic threads. */
    public Optional<ActiveBan> activeBan(Session session) {
        return banOn(Entrant.of(session), session.user(), session.identity(), session.remoteAddress());
    }

    /**
     * The mute on a logged-in player, from memory: safe on any thread, including logic threads. A mute of the
     * player comes first; else the mute of the player's address range, if it reaches the player.
     */
    public Optional<Sanction> activeMute(Session session) {
        Instant now = Instant.now();
        Optional<Sanction> onPlayer = activeMutes.activeFor(session.user(), accountOf(session.identity()), now);
        return onPlayer.isPresent() ? onPlayer : addressMutes.on(Entrant.of(session), session.remoteAddress(), now);
    }

    /**
     * Removes the bans, mutes, address bans and address mutes whose end has passed, {@code batchSize} rows per
     * statement until none is left, and tells each online player whose mute ran out (by name, account or
     * address) and who is not muted otherwise. On the DB executor; the players are told on their own executors.
     *
     * @return how many were removed
     */
    public CompletableFuture<Integer> sweepExpired(int batchSize) {
        Instant now = Instant.now();
        return sweep((at, limit) -> names.removeExpired(SanctionKind.BAN, at, limit), now, batchSize,
                        ban -> activeBans.removeEnded(ban, now))
                .thenCombine(sweep(addressBans::removeExpired, now, batchSize, ban -> { }), Integer::sum)
                .thenCombine(sweep(addressMutes::removeExpired, now, batchSize, mute -> {
                    log.info("mute on addresses {} ran out at {}", mute.user(), mute.until());
                    tellUnmuted(AddressRange.parse(mute.user()), "");
                }), Integer::sum)
                .thenCombine(sweep((at, limit) -> names.removeExpired(SanctionKind.MUTE, at, limit), now, batchSize, mute -> {
                    activeMutes.removeEnded(mute, now);
                    log.info("mute on {} ran out at {}", mute.user(), mute.until());
                    registry.byName(mute.user()).ifPresent(session -> tellIfUnmuted(session, ""));
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
        registry.byName(user).ifPresent(session -> tell(session, event));
    }

    private static void tell(Session session, Envelope event) {
        session.executor().execute(() -> session.send(event));
    }

    /** Tells the online players from {@code range} whom its mute reached, and no mute holds now, that it ended. */
    private void tellUnmuted(AddressRange range, String by) {
        addressMutes.reached(range, registry).forEach(session -> tellIfUnmuted(session, by));
    }

    /** Tells {@code session} that it may chat again, unless another mute (by name, account or address) holds it. */
    private void tellIfUnmuted(Session session, String by) {
        if (activeMute(session).isEmpty()) {
            tell(session, unmuted(by));
        }
    }

    private AddressSanctions of(SanctionKind kind) {
        return kind == SanctionKind.BAN ? addressBans : addressMutes;
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
