package io.tavern.server.config;

import java.io.IOException;
import java.util.Locale;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;

/** Where a configuration value was written, in an operator's words: "command line", "application.yaml line 3". */
public final class ConfigurationOrigins {

    private ConfigurationOrigins() {
    }

    public static String describe(Origin origin) {
        if (origin == null) {
            return "unknown origin";
        }
        String variable = environmentVariableOf(origin);
        if (variable != null) {
            return "environment variable " + variable;
        }
        if (origin instanceof TextResourceOrigin text) {
            return describe(text.getResource()) + (text.getLocation() != null ? " line " + (text.getLocation().getLine() + 1) : "");
        }
        if (origin instanceof PropertySourceOrigin property) {
            if (property.getOrigin() != null) {
                return describe(property.getOrigin());
            }
            String source = property.getPropertySource().getName();
            return switch (source) {
                case CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME -> "command line";
                case StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME -> "system property";
                default -> "property source '" + source + "'";
            };
        }
        return origin.toString();
    }

    /** The environment variable a value came from, or {@code null} when it came from elsewhere. */
    public static String environmentVariableOf(Origin origin) {
        if (origin instanceof SystemEnvironmentOrigin environment) {
            return environment.getProperty();
        }
        if (origin instanceof PropertySourceOrigin property) {
            return property.getOrigin() != null ? environmentVariableOf(property.getOrigin())
                    : property.getPropertySource() instanceof SystemEnvironmentPropertySource ? property.getPropertyName() : null;
        }
        return null;
    }

    /** An environment variable's name for {@code key} as Spring Boot reads it: TAVERN_NET_MAXCONNECTIONS. */
    public static String environmentVariable(String key) {
        return key.replace("-", "").replace('.', '_').replace("[", "_").replace("]", "").toUpperCase(Locale.ROOT);
    }

    private static String describe(Resource resource) {
        if (resource == null) {
            return "a configuration file";
        }
        try {
            if (resource.isFile()) {
                return resource.getFile().getPath();
            }
        } catch (IOException notAFile) {
            // described below
        }
        return resource.getDescription();
    }
}
