package io.tavern.server.budget;

/**
 * One session's buckets in its {@link RequestBudget}, and the strikes it may still take; the session holds it
 * ({@link io.tavern.server.session.Session#budget()}). Its event loop only: the budget admits on the loop.
 *
 * <p>The chat bucket and the strikes are made on first use (most sessions never chat, and a well-behaved one is
 * never refused): a bucket starts full and an untouched one stays full, so one made late is the one that would
 * have been made at the start. Two buckets fewer per idle session.
 */
public final class SessionBudget {

    final TokenBucket requests;
    /** The session's share of its address's budget; null without an address budget. */
    final AddressBudgets.Share addressShare;
    private TokenBucket chat;
    private TokenBucket strikesLeft;

    SessionBudget(TokenBucket requests, AddressBudgets.Share addressShare) {
        this.requests = requests;
        this.addressShare = addressShare;
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
