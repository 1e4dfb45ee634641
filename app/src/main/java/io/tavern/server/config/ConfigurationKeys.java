package io.tavern.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;

/**
 * The configuration keys the server knows, read from what Spring Boot's configuration processor generated
 * at build time from the {@code @ConfigurationProperties} records ({@code META-INF/spring-configuration-metadata.json}):
 * the records are the one list, nothing is kept by hand.
 */
public final class ConfigurationKeys {

    static final String METADATA = "META-INF/spring-configuration-metadata.json";

    /** One documented key. */
    public record Key(ConfigurationPropertyName name, String type, String defaultValue) {

        /** A list, set, array or map: its key also stands for the indexed or named entries below it. */
        boolean isContainer() {
            return type != null && (type.startsWith("java.util.List") || type.startsWith("java.util.Set")
                    || type.startsWith("java.util.Collection") || type.startsWith("java.util.Map") || type.endsWith("[]"));
        }

        /** Whether {@code candidate} is this key, or an entry of it when it is a container. */
        boolean matches(ConfigurationPropertyName candidate) {
            return name.equals(candidate) || (isContainer() && name.isAncestorOf(candidate));
        }
    }

    private final List<Key> keys;

    private ConfigurationKeys(List<Key> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Every key under {@code prefix} in the metadata on the class path of {@code classLoader}. */
    public static ConfigurationKeys load(ClassLoader classLoader, String prefix) {
        ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
        JsonParser parser = JsonParserFactory.getJsonParser();
        List<Key> keys = new ArrayList<>();
        try {
            Enumeration<URL> resources = classLoader.getResources(METADATA);
            for (URL resource : Collections.list(resources)) {
                try (InputStream in = resource.openStream()) {
                    Map<String, Object> metadata = parser.parseMap(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    for (Object entry : (List<?>) metadata.getOrDefault("properties", List.of())) {
                        Map<?, ?> property = (Map<?, ?>) entry;
                        ConfigurationPropertyName name = ConfigurationPropertyName.of((String) property.get("name"));
                        if (root.isAncestorOf(name)) {
                            Object defaultValue = property.get("defaultValue");
                            keys.add(new Key(name, (String) property.get("type"),
                                    defaultValue == null ? null : String.valueOf(defaultValue)));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + METADATA, e);
        }
        if (keys.isEmpty()) {
            // Only a build without the configuration processor gets here: fail, or every key would look unknown.
            throw new IllegalStateException("no " + prefix + ".* keys in " + METADATA + " on the class path");
        }
        return new ConfigurationKeys(keys);
    }

    public List<Key> all() {
        return keys;
    }

    /** The key {@code name} is, or is an entry of. */
    public Optional<Key> find(ConfigurationPropertyName name) {
        return keys.stream().filter(key -> key.matches(name)).findFirst();
    }

    /**
     * Whether {@code name} is a key, an entry of one, or a group of keys (an empty {@code logic: {}} or
     * {@code auth:} in YAML reads as the group's name with an empty value).
     */
    public boolean isKnown(ConfigurationPropertyName name) {
        return find(name).isPresent() || keys.stream().anyMatch(key -> name.isAncestorOf(key.name()));
    }

    /**
     * Whether {@code name} lies in a section the server has, such as {@code tavern.net} for
     * {@code tavern.net.prot}: a key there is the server's, however it is spelt.
     */
    public boolean inKnownSection(ConfigurationPropertyName name, int depth) {
        return name.getNumberOfElements() > depth
                && keys.stream().anyMatch(key -> key.name().getNumberOfElements() > depth
                        && key.name().chop(depth + 1).equals(name.chop(depth + 1)));
    }
}
