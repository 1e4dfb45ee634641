package io.tavern.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The account of a run, settled per pair of room members. */
class DeliveryLedgerTest {

    @Test
    void theLedgerOwesEachAckedMessageToEveryMemberAndBalancesExactly() {
        // A room of three: everyone acked 10 and received 10 from everyone, but the third member
        // received only 6 from the first; the second had one message refused.
        List<BenchConnection.Snapshot> room = List.of(
                member(0, true, 10, 10, 0, 10, 10, 10),
                member(1, true, 11, 10, 1, 10, 10, 10),
                member(2, true, 10, 10, 0, 6, 10, 10));

        DeliveryLedger ledger = DeliveryLedger.settle(List.of(room));

        assertThat(ledger.sent()).isEqualTo(31);
        assertThat(ledger.acked()).isEqualTo(30);
        assertThat(ledger.rejected()).isEqualTo(1);
        assertThat(ledger.unanswered()).isZero();
        assertThat(ledger.expected()).isEqualTo(90);
        assertThat(ledger.delivered()).isEqualTo(86);
        assertThat(ledger.undelivered()).isEqualTo(4);
        assertThat(ledger.undeliveredToDisconnected()).isZero();
        assertThat(ledger.settled()).isFalse();
        assertBalanced(ledger);
    }

    @Test
    void whatAMemberThatLeftDidNotReceiveIsUndeliveredToTheDisconnected() {
        List<BenchConnection.Snapshot> room = List.of(
                member(0, true, 20, 20, 0, 20, 20, 5),
                member(1, true, 20, 20, 0, 20, 20, 5),
                member(2, false, 5, 5, 0, 5, 5, 5));

        DeliveryLedger ledger = DeliveryLedger.settle(List.of(room));

        assertThat(ledger.expected()).isEqualTo(45 * 3);
        assertThat(ledger.undelivered()).isEqualTo(30);
        assertThat(ledger.undeliveredToDisconnected()).isEqualTo(30);
        assertThat(ledger.settled()).isTrue();
        assertBalanced(ledger);
    }

    @Test
    void deliveriesOfUnansweredMessagesAreToldApartFromExcess() {
        // The first member sent 12: 10 acked, 2 never answered; one member got 11 of them, another 13.
        List<BenchConnection.Snapshot> room = List.of(
                member(0, false, 12, 10, 0, 11, 0),
                member(1, true, 0, 0, 0, 13, 0));

        DeliveryLedger ledger = DeliveryLedger.settle(List.of(room));

        assertThat(ledger.unanswered()).isEqualTo(2);
        assertThat(ledger.deliveredUnacknowledged()).isEqualTo(1 + 2);
        assertThat(ledger.excess()).isEqualTo(1);
        assertThat(ledger.undelivered()).isZero();
        assertThat(ledger.settled()).isFalse();
        assertBalanced(ledger);
    }

    private static void assertBalanced(DeliveryLedger ledger) {
        assertThat(ledger.delivered())
                .isEqualTo(ledger.expected() - ledger.undelivered() + ledger.deliveredUnacknowledged() + ledger.excess());
    }

    private static BenchConnection.Snapshot member(int slot, boolean open, long sent, long acked, long rejected, int... receivedFrom) {
        long received = 0;
        for (int count : receivedFrom) {
            received += count;
        }
        return new BenchConnection.Snapshot(0, slot, open, sent, acked, rejected, received, received, receivedFrom);
    }
}
