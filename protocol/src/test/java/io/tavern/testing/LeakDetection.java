package io.tavern.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's leak detector at PARANOID, with its reports collected instead of only logged, so that a
 * test run can fail on a leaked buffer. Installed once per JVM by {@link LeakDetectionSessionListener}
 * before any buffer class is loaded; checked after every test class by {@link LeakCheckExtension}.
 */
public final class LeakDetection {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private LeakDetection() {
    }

    public static synchronized void install() {
        if (installed) {
            return;
        }
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        installed = true;
    }

    public static boolean isInstalled() {
        return installed;
    }

    /**
     * Makes the detector look: leaked buffers are found when they have been garbage-collected and a
     * later allocation polls the reference queue, so collect, then allocate through each allocator.
     */
    public static List<String> collectLeaks() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            System.gc();
            Thread.sleep(50); // lets the reference handler enqueue the collected trackers
            for (ByteBufAllocator allocator : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT,
                    ByteBufAllocator.DEFAULT)) {
                ByteBuf heap = allocator.heapBuffer(1);
                ByteBuf direct = allocator.directBuffer(1);
                heap.release();
                direct.release();
            }
        }
        List<String> found = new ArrayList<>(LEAKS);
        LEAKS.clear();
        return found;
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<?> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected.");
            super.reportUntracedLeak(resourceType);
        }
    }
}
