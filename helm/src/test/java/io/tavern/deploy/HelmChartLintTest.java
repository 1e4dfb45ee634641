package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart as a package: it lints clean, carries the project's version, and documents every value. */
class HelmChartLintTest {

    @Test
    void chartPassesHelmLintStrict() {
        LintResult lint = TavernChart.lintStrict();

        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages())
                .as("strict lint reports nothing above INFO")
                .noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
    }

    @Test
    void chartVersionAndAppVersionFollowTheMavenProjectVersion() throws IOException {
        JsonNode chart = new YAMLMapper().readTree(Repository.chart().resolve("Chart.yaml").toFile());

        assertThat(chart.path("apiVersion").asText()).isEqualTo("v2");
        assertThat(chart.path("appVersion").asText()).isEqualTo(Repository.releaseVersion());
        assertThat(chart.path("version").asText()).isEqualTo(Repository.releaseVersion());
    }

    @Test
    void imageTagDefaultsToTheAppVersion() {
        RenderedRelease release = TavernChart.withDefaults().render();

        assertThat(release.server().getImage()).isEqualTo("ghcr.io/tavern/tavern-server:" + Repository.releaseVersion());
    }

    /**
     * Every key in values.yaml has a comment on the line just above it, at the same indentation,
     * so an operator reading values.yaml never meets an unexplained setting.
     */
    @Test
    void everyValueIsDocumentedByTheCommentAboveIt() throws IOException {
        List<String> lines = Files.readAllLines(Repository.chart().resolve("values.yaml"));
        Pattern key = Pattern.compile("^(\\s*)(?:- )?([A-Za-z0-9_.-]+):(\\s|$)");
        List<String> undocumented = new ArrayList<>();
        int keys = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = key.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            keys++;
            String indent = m.group(1);
            String previous = i > 0 ? lines.get(i - 1) : "";
            if (!(previous.startsWith(indent + "#") && !previous.startsWith(indent + " "))) {
                undocumented.add((i + 1) + ": " + lines.get(i).strip());
            }
        }
        assertThat(keys).as("keys found in values.yaml").isGreaterThan(50);
        assertThat(undocumented).as("values without a comment right above them").isEmpty();
    }
}
