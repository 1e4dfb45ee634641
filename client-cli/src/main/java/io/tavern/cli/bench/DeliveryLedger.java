package io.tavern.cli.bench;

import java.util.List;

/**
 * The exact account of a run's measured messages, settled per pair of room members once the run
 * is over: what each sender knows (its sends, and the server's Acks and Errors) against what each
 * receiver counted from that sender.
 *
 * <p>A message the server acked is owed to every member of the sender's room, the sender included;
 * one it refused is owed to nobody. For receiver r and sender s, with A acked, U unanswered (sent,
 * but neither acked nor refused when the run ended) and R received:
 * <ul>
 * <li>{@code A - R} when positive is <em>undelivered</em>: lost by the server, or owed to a member
 *     that disconnected (counted apart, in {@link #undeliveredToDisconnected});</li>
 * <li>{@code R - A} when positive is first put down to unanswered messages the server did deliver
 *     ({@link #deliveredUnacknowledged}, at most U), and the rest is {@link #excess}: a duplicate,
 *     or a refused message delivered anyway. A correct server has none.</li>
 * </ul>
 * So, exactly: {@code delivered = expected - undelivered + deliveredUnacknowledged + excess}.
 *
 * @param sent      measured messages sent
 * @param acked     of those, acked by the server
 * @param rejected  of those, refused with an Error
 * @param unanswered of those, neither acked nor refused by the end of the run
 * @param expected  deliveries owed: each acked message times its room's members
 * @param delivered measured messages received from a member of the receiver's room
 */
record DeliveryLedger(long sent, long acked, long rejected, long unanswered, long expected, long delivered,
                      long undelivered, long undeliveredToDisconnected, long deliveredUnacknowledged, long excess) {

    static final DeliveryLedger NONE = new DeliveryLedger(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Nothing more to wait for: every message answered, and every acked one delivered to every member still connected. */
    boolean settled() {
        return unanswered == 0 && undelivered == undeliveredToDisconnected;
    }

    /** @param rooms each room's members, in slot order, with their per-sender receipts */
    static DeliveryLedger settle(List<List<BenchConnection.Snapshot>> rooms) {
        long sent = 0, acked = 0, rejected = 0, unanswered = 0, expected = 0, delivered = 0;
        long undelivered = 0, toDisconnected = 0, deliveredUnacknowledged = 0, excess = 0;
        for (List<BenchConnection.Snapshot> members : rooms) {
            for (int s = 0; s < members.size(); s++) {
                BenchConnection.Snapshot sender = members.get(s);
                sent += sender.measuredSent();
                acked += sender.measuredAcked();
                rejected += sender.measuredRejected();
                unanswered += sender.unanswered();
                expected += sender.measuredAcked() * members.size();
                for (BenchConnection.Snapshot receiver : members) {
                    long received = receiver.receivedFrom()[s];
                    delivered += received;
                    long missing = sender.measuredAcked() - received;
                    if (missing > 0) {
                        undelivered += missing;
                        if (!receiver.open()) {
                            toDisconnected += missing;
                        }
                    } else {
                        long fromUnanswered = Math.min(-missing, sender.unanswered());
                        deliveredUnacknowledged += fromUnanswered;
                        excess += -missing - fromUnanswered;
                    }
                }
            }
        }
        return new DeliveryLedger(sent, acked, rejected, unanswered, expected, delivered, undelivered, toDisconnected,
                deliveredUnacknowledged, excess);
    }
}
