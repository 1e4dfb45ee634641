package io.tavern.server.budget;

import io.tavern.server.budget.TokenBucket.Rate;
import io.tavern.protocol.v1.Envelope.BodyCase;
import io.tavern.protocol.v1.Error;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.identity.AddressBlock;
import io.tavern.server.session.Session;
import java.util.Objects;

/**
 * The policy that decides, as each request arrives and before it is queued, whether the server takes it
 * on: the one place where every request kind is metered.
 *
 * <p>Each request costs tokens ({@link RequestCosts}) from two cost-weighted buckets: its session's and its
 * address's (shared by every session from one IPv4 address or IPv6 /64). Either short, the request is
 * answered {@code RATE_LIMITED} with the wait until the tokens are there, and counts a strike. Strikes are
 * forgiven at {@code floodStrikes} a second; a session with more than {@code floodStrikes} unforgiven is
 * closed as {@code FLOODING}: one that pipelines far past its budget is closed within a fraction of a second,
 * however fast the server gets through the pipeline, while one that overshoots now and then, and reads its
 * refusals, is not. A refused request takes no tokens, so a flooding session cannot spend its neighbours'
 * share of the address budget. A full request queue ({@link #queueFull}) strikes the same way.
 *
 * <p>{@code SendChat} also meets the chat rate limit, a second bucket per session; a line refused there
 * was within budget, so it is answered {@code RATE_LIMITED} without a strike (chatting too fast is not
 * flooding), and its hint is exact: a line sent once the hint has passed gets through both buckets.
 *
 * <p>Threads: a session's state is touched only on its event loop (where {@link #admit} runs); an address's
 * bucket is locked ({@link AddressBudgets}). What is decided is reported to the {@link BudgetListener}.
 */
public final class RequestBudget {

    /** A hint, not a promise: a full queue of cheap requests drains in well under this. */
    static final long RETRY_AFTER_FULL_QUEUE_MS = 100;

    /** What to do with a request. */
    public enum Outcome { ADMIT, REFUSE, CLOSE }

    /**
     * @param outcome          admit the request, refuse it with {@link #toError()}, or close the session as flooding
     * @param message          why it was refused
     * @param retryAfterMillis when a retry would pass
     */
    public record Verdict(Outcome outcome, String message, long retryAfterMillis) {

        static final Verdict ADMITTED = new Verdict(Outcome.ADMIT, null, 0);

        /** The {@code RATE_LIMITED} answer to a refused request. */
        public Error toError() {
            return Error.newBuilder().setCode(ErrorCode.RATE_LIMITED).setMessage(message)
                    .setRetryAfterMs(retryAfterMillis).build();
        }
    }

    private final RequestCosts costs;
    private final Rate session;
    private final Rate chat;
    private final AddressBudgets addresses;
    private final int floodStrikes;
    /** The strikes a session may take, forgiven at as many a second: a bucket of them. */
    private final Rate strikes;
    private final BudgetListener listener;

    /**
     * @param session      each session's budget
     * @param address      each address's budget, shared by its sessions
     * @param chat         the chat rate limit of each session, in lines
     * @param floodStrikes refusals a session may get at once (forgiven at as many a second) before it is closed
     *                     as FLOODING
     */
    public RequestBudget(RequestCosts costs, Rate session, Rate address, Rate chat, int floodStrikes,
                         BudgetListener listener) {
        this.costs = Objects.requireNonNull(costs, "costs");
        this.session = Objects.requireNonNull(session, "session");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.addresses = new AddressBudgets(address);
        this.floodStrikes = floodStrikes;
        this.strikes = new Rate(floodStrikes, floodStrikes);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Gives a new session its buckets. Its event loop. */
    public void sessionOpened(Session opened, long nowNanos) {
        // The share's own key is the address from now on: the block made here to look it up is dropped.
        AddressBudgets.Share share = addresses.isUnlimited() ? null
                : addresses.join(AddressBlock.of(opened.remoteAddress()), nowNanos);
        opened.attachBudget(new SessionBudget(session, nowNanos, share));
    }

    /** Lets go of the session's share of its address's budget. Its event loop. */
    public void sessionClosed(Session closed, long nowNanos) {
        SessionBudget state = closed.budget();
        closed.attachBudget(null); // a second close releases nothing
        if (state != null && state.addressShare != null) {
            addresses.release(state.addressShare, nowNanos);
        }
    }

    /** Whether a request of {@code kind} that arrived at {@code nowNanos} may be queued. Its event loop. */
    public Verdict admit(Session requester, BodyCase kind, long nowNanos) {
        SessionBudget state = budgetOf(requester);
        int cost = costs.of(kind);
        if (!state.requests().canTake(cost, nowNanos)) {
            long wait = state.requests().millisUntil(cost);
            if (kind == BodyCase.SEND_CHAT) { // so that the hint covers the chat limit too
                state.chat(chat, nowNanos).canTake(1, nowNanos);
                wait = Math.max(wait, state.chat(chat, nowNanos).millisUntil(1));
            }
            return strike(requester, state, kind, BudgetListener.Limit.SESSION, nowNanos, wait,
                    "request budget spent (" + session.perSecond() + " tokens/s, burst " + session.burst() + "; "
                            + kind + " costs " + cost + "); slow down");
        }
        if (state.addressShare != null && !state.addressShare.tryTake(cost, nowNanos)) {
            return strike(requester, state, kind, BudgetListener.Limit.ADDRESS, nowNanos,
                    state.addressShare.millisUntil(cost),
                    "the request budget of your address is spent; slow down");
        }
        state.requests().take(cost);
        if (kind == BodyCase.SEND_CHAT && !state.chat(chat, nowNanos).tryTake(1, nowNanos)) {
            // within budget: chatting too fast is not flooding
            listener.refused(kind, BudgetListener.Limit.CHAT);
            return new Verdict(Outcome.REFUSE, "chat rate limit: " + chat.perSecond() + "/s, burst " + chat.burst(),
                    state.chat(chat, nowNanos).millisUntil(1));
        }
        return Verdict.ADMITTED;
    }

    /** An admitted request found the session's queue full ({@code queueLimit} waiting). Its event loop. */
    public Verdict queueFull(Session requester, BodyCase kind, int queueLimit) {
        SessionBudget state = budgetOf(requester);
        return strike(requester, state, kind, BudgetListener.Limit.QUEUE, System.nanoTime(),
                RETRY_AFTER_FULL_QUEUE_MS, "more than " + queueLimit + " requests waiting; slow down");
    }

    private static SessionBudget budgetOf(Session requester) {
        SessionBudget state = requester.budget();
        if (state == null) {
            throw new IllegalStateException(requester + " has no budget: sessionOpened was not called (or it is closed)");
        }
        return state;
    }

    private Verdict strike(Session requester, SessionBudget state, BodyCase kind, BudgetListener.Limit limit,
                           long nowNanos, long retryAfterMillis, String message) {
        listener.refused(kind, limit);
        if (!state.strikesLeft(strikes, nowNanos).tryTake(1, nowNanos)) {
            listener.flooding(requester, floodStrikes);
            return new Verdict(Outcome.CLOSE, "too many requests", retryAfterMillis);
        }
        return new Verdict(Outcome.REFUSE, message, retryAfterMillis);
    }
}
