package io.tavern.server.testing;

import io.tavern.server.TavernApplication;
import io.tavern.server.net.TavernServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole server started and stopped by the test itself, for tests about start-up and shutdown.
 * Ports are ephemeral; extra properties come as {@code key=value} strings.
 */
public final class RunningServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningServer start(String... properties) {
        // As command-line arguments: they outrank every configuration file, as an operator's would.
        List<String> args = new ArrayList<>(List.of("--tavern.net.port=0", "--server.port=0"));
        for (String property : properties) {
            args.add("--" + property);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TavernApplication.class)
                .run(args.toArray(String[]::new));
        return new RunningServer(context);
    }

    public int port() {
        return bean(TavernServer.class).port();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    /** A graceful shutdown, as SIGTERM would start it. */
    @Override
    public void close() {
        context.close();
    }
}
