package io.tavern.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tavern: a multiplayer chat and lobby server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TavernApplication {

    /** The exit status of a server that could not start. */
    public static final int START_FAILED = 1;

    /**
     * Runs the server. When it cannot start, the failure has been reported (one line, see
     * {@code io.tavern.server.startup}) and the context closed by the time {@code run} throws; the exit
     * status then says so to whatever started the process, and no leftover thread can keep the JVM alive.
     */
    public static void main(String[] args) {
        try {
            SpringApplication.run(TavernApplication.class, args);
        } catch (RuntimeException startFailed) {
            System.exit(START_FAILED);
        }
    }
}
