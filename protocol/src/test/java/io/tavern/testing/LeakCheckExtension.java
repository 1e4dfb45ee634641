package io.tavern.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when a buffer leaked while it ran (registered for every test class through
 * JUnit's extension auto-detection). A leak found here may come from an earlier class whose
 * buffers were collected late; the report's access records name the code either way.
 */
public final class LeakCheckExtension implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (!LeakDetectionSessionListener.NETTY_PRESENT) {
            return; // no Netty, no buffers
        }
        if (!LeakDetection.isInstalled()) {
            throw new AssertionError("Netty leak detection was not installed: is the test-jar's "
                    + "LauncherSessionListener on the test classpath?");
        }
        List<String> leaks = LeakDetection.collectLeaks();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " ByteBuf leak(s) detected:\n" + String.join("\n\n", leaks));
        }
    }
}
