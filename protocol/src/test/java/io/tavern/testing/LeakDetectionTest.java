package io.tavern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The guard itself: a buffer dropped without release() is found, so a leak does fail a test run. */
class LeakDetectionTest {

    @Test
    void detectionIsInstalledAtParanoidBeforeTheTestsRun() {
        assertThat(LeakDetection.isInstalled()).isTrue();
        assertThat(io.netty.util.ResourceLeakDetector.getLevel())
                .isEqualTo(io.netty.util.ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void aBufferDroppedWithoutReleaseIsReportedAsALeak() {
        leakOneBuffer();
        // The report is taken here, so this class's own afterAll check stays clean. The collector finds a leak
        // once the garbage collector and the reference handler have seen the buffer: on a loaded machine,
        // perhaps not in the first round.
        List<String> leaks = Awaitility.await("the leak reported").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).until(LeakDetection::collectLeaks, found -> !found.isEmpty());
        assertThat(leaks).anySatisfy(leak -> assertThat(leak).contains("LEAK"));
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        leaked.writeLong(42);
    }
}
