package io.tavern.testing;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Installs {@link LeakDetection} when the test launcher starts, before any test class loads Netty; in a module
 * whose tests have no Netty on their class path (the chart checks) there are no buffers to leak, and nothing to
 * install.
 */
public final class LeakDetectionSessionListener implements LauncherSessionListener {

    /** Checked without loading {@link LeakDetection}, whose classes need Netty's. */
    static final boolean NETTY_PRESENT = nettyPresent();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (NETTY_PRESENT) {
            LeakDetection.install();
        }
    }

    private static boolean nettyPresent() {
        try {
            Class.forName("io.netty.util.ResourceLeakDetector", false, LeakDetectionSessionListener.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }
}
