package io.tavern.server.config;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/**
 * Values written back the way an operator writes them in configuration ({@code 20s}, {@code 64KB}), for
 * messages that name another key's value. {@link Duration#toString()} would say {@code PT20S}.
 */
public final class ConfigurationValues {

    private ConfigurationValues() {
    }

    public static String text(Object value) {
        if (value instanceof Duration duration) {
            return text(duration);
        }
        if (value instanceof DataSize size) {
            return text(size);
        }
        return String.valueOf(value);
    }

    private static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0 && millis != 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + "s";
        }
        return millis + "ms";
    }

    private static String text(DataSize size) {
        long bytes = size.toBytes();
        String[] suffixes = {"GB", "MB", "KB"};
        long[] units = {DataSize.ofGigabytes(1).toBytes(), DataSize.ofMegabytes(1).toBytes(), DataSize.ofKilobytes(1).toBytes()};
        for (int i = 0; i < units.length; i++) {
            if (bytes != 0 && bytes % units[i] == 0) {
                return bytes / units[i] + suffixes[i];
            }
        }
        return bytes + "B";
    }
}
