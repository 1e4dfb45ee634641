package io.tavern.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Tavern: a multiplayer chat and lobby server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TavernApplication {

    public static void main(String[] args) {
        SpringApplication.run(TavernApplication.class, args);
    }
}
