package io.tavern.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tavern.protocol.v1.ErrorCode;
import io.tavern.server.logic.RequestRejected;
import io.tavern.server.session.HeldSockets;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whether an audience takes one more chat line, judged by what its members have not been sent yet. */
class ChatAdmissionTest {

    private static final long THRESHOLD = 16 * 1024;
    private static final long RETRY_AFTER_MS = 200;
    private static final int BEHIND = 40 * 1024;
    /** An audience share so large that, but in the test of the share, it never binds. */
    private static final long NO_SHARE = 1L << 40;

    /** Members count as stalled only after an hour: in this test, never. */
    private final ChatAdmission patient = new ChatAdmission(THRESHOLD, NO_SHARE, RETRY_AFTER_MS, TimeUnit.HOURS.toNanos(1));
    /** Members count as stalled as soon as a write waits on their socket. */
    private final ChatAdmission impatient = new ChatAdmission(THRESHOLD, NO_SHARE, RETRY_AFTER_MS, 0);

    private final SendStats stats = new SendStats();
    private final HeldSockets sockets = new HeldSockets();

    @AfterEach
    void closeChannels() {
        sockets.close();
    }

    /** A member that reads: nothing waits for it. */
    private Session reader() {
        return member();
    }

    /** A member the server is behind with: {@code bytes} queued, not yet handed to its socket. */
    private Session queuedFor(int bytes) {
        Session member = member();
        member.sendQueue().enqueue(Unpooled.buffer(bytes).writeZero(bytes));
        return member;
    }

    /** A member that stopped reading: {@code bytes} handed to its socket, which takes none of them. */
    private Session notReading(int bytes) {
        Session member = queuedFor(bytes);
        ((EmbeddedChannel) member.channel()).runPendingTasks(); // the drain writes them: the write waits
        return member;
    }

    private Session member() {
        return new Session("member", sockets.open(), 1 << 20, Duration.ofSeconds(2), stats);
    }

    @Test
    void anAudienceMostlyBehindIsRefusedWithARetryHintThatGrowsWithTheBacklog() {
        List<Session> audience = List.of(reader(), reader(), queuedFor(BEHIND), queuedFor(BEHIND), queuedFor(BEHIND));

        RequestRejected refusal = catchThrowableOfType(() -> patient.admit(audience), RequestRejected.class);

        assertThat(refusal.code()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(refusal.toError().getRetryAfterMs()).isEqualTo(RETRY_AFTER_MS * (BEHIND / THRESHOLD));
        assertThat(patient.refused()).isOne();
    }

    @Test
    void membersThatStoppedReadingCountUntilTheyStallAndNoLonger() {
        List<Session> audience = List.of(reader(), reader(), notReading(BEHIND), notReading(BEHIND), notReading(BEHIND));

        assertThatCode(() -> patient.admit(audience)).isInstanceOf(RequestRejected.class);
        assertThatCode(() -> impatient.admit(audience)).doesNotThrowAnyException();
    }

    @Test
    void membersTheServerIsMerelyBehindWithAreNeverStalled() {
        List<Session> audience = List.of(reader(), reader(), queuedFor(BEHIND), queuedFor(BEHIND), queuedFor(BEHIND));

        assertThatCode(() -> impatient.admit(audience)).isInstanceOf(RequestRejected.class);
    }

    @Test
    void anAudienceOfStalledMembersOnlyIsNotBehind() {
        List<Session> audience = List.of(notReading(BEHIND), notReading(BEHIND), notReading(BEHIND));

        assertThatCode(() -> impatient.admit(audience)).doesNotThrowAnyException();
    }

    /**
     * A large audience is held to its share of the outbound budget: members each well under the member threshold
     * (2 KB, one frame) are refused when there are so many that together they are charged the share (64 KB here:
     * 40 members at 2 KB plus a frame's overhead), and the same backlog in a small room is taken.
     */
    @Test
    void aLargeAudienceIsHeldToItsShareOfTheOutboundBudget() {
        ChatAdmission withShare = new ChatAdmission(THRESHOLD, 64 * 1024, RETRY_AFTER_MS, TimeUnit.HOURS.toNanos(1));
        List<Session> small = new ArrayList<>();
        List<Session> large = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Session member = queuedFor(2 * 1024);
            large.add(member);
            if (i < 10) {
                small.add(member);
            }
        }

        assertThatCode(() -> withShare.admit(small)).doesNotThrowAnyException();
        RequestRejected refusal = catchThrowableOfType(() -> withShare.admit(large), RequestRejected.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(refusal.toError().getRetryAfterMs()).isEqualTo(RETRY_AFTER_MS);
    }

    /**
     * The share is of what the readers hold together, not the typical member times the audience's size: when part
     * of a room is far behind (the members one busy event loop serves, or one busy client host reads) and the rest
     * is not, the typical member holds nothing while the room fills the budget. 25 members hold nothing, 14 hold
     * 6 KB each (88 KB charged with the frames' overhead, over the 64 KB share); every sample of 15 takes at least
     * eight of the 25, so its median is nothing.
     */
    @Test
    void anAudienceUnevenlyBehindIsHeldToItsShareToo() {
        ChatAdmission withShare = new ChatAdmission(THRESHOLD, 64 * 1024, RETRY_AFTER_MS, TimeUnit.HOURS.toNanos(1));
        List<Session> audience = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            audience.add(reader());
        }
        for (int i = 0; i < 14; i++) {
            audience.add(queuedFor(6 * 1024));
        }

        assertThat(ChatAdmission.backlog(audience, System.nanoTime(), TimeUnit.HOURS.toNanos(1)).typicalQueued()).isZero();
        RequestRejected refusal = catchThrowableOfType(() -> withShare.admit(audience), RequestRejected.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.SERVER_BUSY);
    }

    /**
     * The sample may start anywhere that leaves room for it: of 29 members, a run of 15 from any of the first 15
     * places. When the latest 15 are behind, a sample of exactly them is refused; one from the first place never
     * would be, so over many lines some are refused and the others admitted.
     */
    @Test
    void everyMemberCanBeInTheSample() {
        List<Session> audience = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            audience.add(reader());
        }
        for (int i = 0; i < 15; i++) {
            audience.add(queuedFor(BEHIND));
        }
        int refused = 0;
        int lines = 600;
        for (int i = 0; i < lines; i++) {
            try {
                patient.admit(audience);
            } catch (RequestRejected busy) {
                refused++;
            }
        }

        assertThat(refused).isPositive().isLessThan(lines);
    }
}
