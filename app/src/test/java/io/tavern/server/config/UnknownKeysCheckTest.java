package io.tavern.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.server.config.UnknownKeysCheck.UnknownKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;

/**
 * Unknown {@code tavern.*} keys, found the way the server finds them at start: against the keys the
 * configuration processor generated from the records, in an environment made as Spring Boot makes it (its
 * own post-processor gives environment variables their origin).
 */
class UnknownKeysCheckTest {

    private static final ConfigurationKeys KEYS = ConfigurationKeys.load(UnknownKeysCheckTest.class.getClassLoader(), "tavern");

    private final Map<String, Object> variables = new LinkedHashMap<>();
    private final Map<String, Object> systemProperties = new LinkedHashMap<>();
    private final Map<String, Object> file = new LinkedHashMap<>();
    private String[] commandLine = {};
    private String yaml = "";

    @Test
    void aMisspeltKeyOnTheCommandLineIsReportedWithTheKeyMeant() throws IOException {
        commandLine = new String[] {"--tavern.net.prot=7778"};
        assertThat(unknown()).containsExactly(new UnknownKey("tavern.net.prot", "command line", "tavern.net.port"));
        assertThat(unknown().get(0).describe()).isEqualTo("tavern.net.prot (command line; did you mean tavern.net.port?)");
    }

    @Test
    void aMisspeltEnvironmentVariableIsReportedAsTheVariableWithTheVariableMeant() throws IOException {
        variables.put("TAVERN_NET_PROT", "7778");
        variables.put("TAVERN_CHAT_MAX_LENGHT", "80");
        assertThat(unknown()).containsExactly(
                new UnknownKey("TAVERN_NET_PROT", "environment variable", "TAVERN_NET_PORT"),
                new UnknownKey("TAVERN_CHAT_MAX_LENGHT", "environment variable", "TAVERN_CHAT_MAXLENGTH"));
    }

    @Test
    void everySpellingThatSpringBootBindsIsKnown() throws IOException {
        commandLine = new String[] {"--tavern.net.maxConnections=5", "--tavern.rooms.max-capacity=4"};
        file.put("tavern.net.max_connections_per_ip", "2");
        file.put("tavern.chat.word-filter.words[0]", "ogre");
        file.put("tavern.chat.word-filter.words[1]", "troll");
        file.put("tavern.admin.token", "a-token-of-sixteen-chars");
        variables.put("TAVERN_NET_PORT", "7778");
        variables.put("TAVERN_NET_MAXCONNECTIONS", "10");
        variables.put("TAVERN_DB_EMBEDDED_DIR", "/app/data");
        variables.put("TAVERN_CHAT_WORDFILTER_WORDS_0", "goblin");
        variables.put("TAVERN_CONFIG_UNKNOWN_KEYS", "warn");
        assertThat(unknown()).isEmpty();
    }

    @Test
    void aMisspeltKeyInAConfigurationFileIsReportedWithItsLine() throws IOException {
        yaml = """
                tavern:
                  logic: {}
                  auth:
                  chat:
                    word-filter:
                      words: [ogre, troll]
                  rom:
                    max-capacity: 4
                """;
        assertThat(unknown()).containsExactly(new UnknownKey("tavern.rom.max-capacity", "Byte array resource [application.yaml] line 8",
                "tavern.rooms.max-capacity"));
    }

    @Test
    void theOtherTavernProgramsVariablesAreLeftAloneButNotOnTheServersCommandLine() throws IOException {
        variables.put("TAVERN_HOST", "play.example");
        variables.put("TAVERN_PORT", "7777");
        variables.put("TAVERN_PASSWORD", "secret");
        variables.put("TAVERN_TEST_REQUIRE_PG", "true");
        systemProperties.put("tavern.cli.jar", "client-cli/target/tavern-cli.jar");
        assertThat(unknown()).isEmpty();

        commandLine = new String[] {"--tavern.host=play.example"};
        assertThat(unknown()).extracting(UnknownKey::key).containsExactly("tavern.host");
    }

    @Test
    void aKeyFarFromEveryKnownOneGetsNoSuggestion() throws IOException {
        commandLine = new String[] {"--tavern.net.completely-different=1"};
        assertThat(unknown()).singleElement().satisfies(key -> {
            assertThat(key.suggestion()).isNull();
            assertThat(key.describe()).isEqualTo("tavern.net.completely-different (command line)");
        });
    }

    @Test
    void unknownKeysFailTheStartUnlessThePolicySaysWarn() throws IOException {
        commandLine = new String[] {"--tavern.net.prot=7778"};
        assertThatThrownBy(() -> check().postProcessBeanFactory(new DefaultListableBeanFactory()))
                .isInstanceOf(UnknownConfigurationKeysException.class)
                .hasMessageContaining("tavern.net.prot (command line; did you mean tavern.net.port?)");

        commandLine = new String[] {"--tavern.net.prot=7778", "--tavern.config.unknown-keys=warn"};
        assertThatCode(() -> check().postProcessBeanFactory(new DefaultListableBeanFactory())).doesNotThrowAnyException();
    }

    private List<UnknownKey> unknown() throws IOException {
        return check().find(KEYS);
    }

    private UnknownKeysCheck check() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        var sources = environment.getPropertySources();
        sources.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
                new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, systemProperties));
        sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        sources.addFirst(new SimpleCommandLinePropertySource(commandLine));
        sources.addLast(new MapPropertySource("file", file));
        Resource applicationYaml = new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8), "application.yaml");
        new YamlPropertySourceLoader().load("application.yaml", applicationYaml).forEach(sources::addLast);
        new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        ConfigurationPropertySources.attach(environment);
        return new UnknownKeysCheck(environment);
    }
}
