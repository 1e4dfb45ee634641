package io.tavern.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
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
    void aBufferDroppedWithoutReleaseIsReportedAsALeak() throws InterruptedException {
        leakOneBuffer();
        // the report is taken here, so this class's own afterAll check stays clean
        assertThat(LeakDetection.collectLeaks()).anySatisfy(leak -> assertThat(leak).contains("LEAK"));
    }

    private static void leakOneBuffer() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        leaked.writeLong(42);
    }
}
