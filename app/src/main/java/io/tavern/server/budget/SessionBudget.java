package io.tavern.server.budget;

/**
 * One session's state in its {@link RequestBudget}: its request bucket, its share of its address's budget, and the
 * chat bucket and strikes it has needed so far; the session holds it ({@link io.tavern.server.session.Session#budget()}).
 * Its event loop only: the budget admits on the loop.
 *
 * <p>The request bucket is this object itself ({@link #requests()}): every session has one, and a bucket of its own
 * would cost each session another object (16 bytes more). The chat bucket and the strikes are made on first use
 * (most sessions never chat, and a well-behaved one is never refused): a bucket starts full and an untouched one stays
 * full, so one made late is the one that would have been made at the start. Two buckets fewer per idle session.
 */
public final class SessionBudget extends TokenBucket {

    /** The session's share of its address's budget; null without an address budget. */
    final AddressBudgets.Share addressShare;
    private TokenBucket chat;
    private TokenBucket strikesLeft;

    /** A full request bucket of {@code requests} as of {@code nowNanos}, and the session's share of its address's. */
    SessionBudget(TokenBucket.Rate requests, long nowNanos, AddressBudgets.Share addressShare) {
        super(requests, nowNanos);
        this.addressShare = addressShare;
    }

    /** The session's request bucket. */
    TokenBucket requests() {
        return this;
    }

    TokenBucket chat(TokenBucket.Rate rate, long nowNanos) {
        if (chat == null) {
            chat = new TokenBucket(rate, nowNanos);
        }
        return chat;
    }

    TokenBucket strikesLeft(TokenBucket.Rate rate, long nowNanos) {
        if (strikesLeft == null) {
            strikesLeft = new TokenBucket(rate, nowNanos);
        }
        return strikesLeft;
    }
}
