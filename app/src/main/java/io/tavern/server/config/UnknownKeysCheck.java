package io.tavern.server.config;

import io.tavern.server.config.TavernProperties.Config.UnknownKeys;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.text.similarity.LevenshteinDistance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Spring Boot ignores keys it cannot bind, so {@code tavern.net.prot=7778} would start a server on 7777
 * without a word. This check compares every {@code tavern.*} key of every property source (command line,
 * configuration files, environment variables in their relaxed form, system properties) with the keys the
 * {@code @ConfigurationProperties} records declare ({@link ConfigurationKeys}), and reports the rest with the
 * nearest known key. {@code tavern.config.unknown-keys} decides: fail (the default) or warn.
 *
 * <p>What counts as known: the key itself in any spelling Spring Boot binds ({@code max-connections},
 * {@code maxConnections}, {@code TAVERN_NET_MAXCONNECTIONS}, and the legacy {@code TAVERN_DB_EMBEDDED_DIR}
 * found through the same lookup the binder does), any entry under a list or map key
 * ({@code tavern.chat.word-filter.words[0]}), and a group left empty ({@code logic: {}} in YAML).
 *
 * <p>Environment variables and system properties are shared with the other Tavern programs (the CLI reads
 * {@code TAVERN_HOST}, the test suite {@code TAVERN_TEST_*}): there only keys in a section the server has,
 * such as {@code TAVERN_NET_PROT}, are the server's and reported. On the command line and in configuration
 * files every {@code tavern.*} key is.
 *
 * <p>A {@link BeanFactoryPostProcessor} so that it runs once the environment is complete and logging is
 * set up, and before any bean is created: nothing has opened a port or a database file when it fails.
 */
public final class UnknownKeysCheck implements BeanFactoryPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(UnknownKeysCheck.class);

    static final String PREFIX = "tavern";
    static final String POLICY_KEY = "tavern.config.unknown-keys";
    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);
    /** Edits (on letters and digits only) within which a known key is offered as the one meant. */
    private static final int SUGGESTION_DISTANCE = 3;

    private final ConfigurableEnvironment environment;

    public UnknownKeysCheck(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        ClassLoader classLoader = Objects.requireNonNullElse(beanFactory.getBeanClassLoader(), getClass().getClassLoader());
        List<UnknownKey> unknown = find(ConfigurationKeys.load(classLoader, PREFIX));
        if (unknown.isEmpty()) {
            return;
        }
        UnknownKeys policy = Binder.get(environment).bind(POLICY_KEY, UnknownKeys.class).orElse(UnknownKeys.FAIL);
        if (policy == UnknownKeys.FAIL) {
            throw new UnknownConfigurationKeysException(unknown);
        }
        for (UnknownKey key : unknown) {
            log.warn("Ignoring unknown setting {}, as {}=warn says", key.describe(), POLICY_KEY);
        }
    }

    /** The unknown keys of every property source, in the order of precedence of the sources. */
    List<UnknownKey> find(ConfigurationKeys keys) {
        List<UnknownKey> unknown = new ArrayList<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                unknown.addAll(find(keys, iterable));
            }
        }
        return unknown;
    }

    private List<UnknownKey> find(ConfigurationKeys keys, IterableConfigurationPropertySource source) {
        boolean shared = isShared(source);
        Set<String> readByKnownKeys = originsReadByKnownKeys(keys, source);
        List<UnknownKey> unknown = new ArrayList<>();
        source.stream()
                .filter(ROOT::isAncestorOf)
                .filter(name -> !keys.isKnown(name))
                .filter(name -> !shared || keys.inKnownSection(name, 1))
                .map(source::getConfigurationProperty)
                .filter(Objects::nonNull)
                .filter(property -> !readByKnownKeys.contains(String.valueOf(property.getOrigin())))
                .forEach(property -> unknown.add(unknownKey(keys, property)));
        return unknown;
    }

    /**
     * Where the known keys find their values in {@code source}: an environment variable such as
     * {@code TAVERN_DB_EMBEDDED_DIR} reads back as {@code tavern.db.embedded.dir}, which no record declares,
     * yet the binder finds it for {@code tavern.db.embedded-dir}. Asking the source for each known key, as
     * the binder does, tells which of its entries are taken.
     */
    private static Set<String> originsReadByKnownKeys(ConfigurationKeys keys, ConfigurationPropertySource source) {
        Set<String> origins = new HashSet<>();
        for (ConfigurationKeys.Key key : keys.all()) {
            ConfigurationProperty property = source.getConfigurationProperty(key.name());
            if (property != null && property.getOrigin() != null) {
                origins.add(property.getOrigin().toString());
            }
        }
        return origins;
    }

    private static boolean isShared(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof PropertySource<?> underlying
                && (underlying.getName().equals(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
                        || underlying.getName().equals(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME));
    }

    private static UnknownKey unknownKey(ConfigurationKeys keys, ConfigurationProperty property) {
        String origin = ConfigurationOrigins.describe(property.getOrigin());
        String suggestion = nearest(keys, property.getName());
        String variable = ConfigurationOrigins.environmentVariableOf(property.getOrigin());
        if (variable != null) {
            return new UnknownKey(variable, "environment variable",
                    suggestion == null ? null : ConfigurationOrigins.environmentVariable(suggestion));
        }
        return new UnknownKey(property.getName().toString(), origin, suggestion);
    }

    /** The known key nearest to {@code name}, if one is near enough to be the one meant. */
    static String nearest(ConfigurationKeys keys, ConfigurationPropertyName name) {
        LevenshteinDistance distance = new LevenshteinDistance(SUGGESTION_DISTANCE);
        String wanted = lettersAndDigits(name.toString());
        return keys.all().stream()
                .map(key -> key.name().toString())
                .filter(key -> distance.apply(wanted, lettersAndDigits(key)) >= 0)
                .min(Comparator.comparingInt(key -> distance.apply(wanted, lettersAndDigits(key))))
                .orElse(null);
    }

    /** Without separators, which the relaxed spellings (dashes, camel case, underscores) differ in. */
    private static String lettersAndDigits(String key) {
        return key.replaceAll("[^\\p{Alnum}]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * A key no record declares.
     *
     * @param key        as written: {@code tavern.net.prot}, or the environment variable {@code TAVERN_NET_PROT}
     * @param origin     where it was written
     * @param suggestion the known key nearest to it, in the same form, or {@code null}
     */
    public record UnknownKey(String key, String origin, String suggestion) {

        /** {@code tavern.net.prot (command line; did you mean tavern.net.port?)}. */
        public String describe() {
            return key + " (" + origin + (suggestion != null ? "; did you mean " + suggestion + "?" : "") + ")";
        }
    }
}
