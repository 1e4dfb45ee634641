package io.tavern.deploy;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The chart in helm/tavern, driven by the Helm library embedded in helm-java (no helm binary, no
 * cluster). Values are given the way an operator gives them: values files and {@code --set}.
 */
final class TavernChart {

    static final String RELEASE = "tavern";
    static final String NAMESPACE = "games";
    /** Helm's offline default is v1.20, older than the chart's kubeVersion floor; render for a current cluster. */
    static final String KUBE_VERSION = "v1.31.0";

    private final Helm helm = new Helm(Repository.chart());
    private final Map<String, Object> sets = new LinkedHashMap<>();
    private Path valuesFile;

    static TavernChart withDefaults() {
        return new TavernChart();
    }

    static TavernChart withProductionValues() {
        return new TavernChart().valuesFile(Repository.productionValues());
    }

    TavernChart valuesFile(Path file) {
        this.valuesFile = file;
        return this;
    }

    /** Like {@code --set key=value}: Helm parses the value (numbers, booleans, null). */
    TavernChart set(String key, Object value) {
        sets.put(key, value);
        return this;
    }

    static LintResult lintStrict() {
        return new Helm(Repository.chart()).lint().strict().call();
    }

    /** {@code helm template}; throws with Helm's message when the schema or a template refuses the values. */
    String renderYaml() {
        TemplateCommand template = helm.template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
        if (valuesFile != null) {
            template = template.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return template.call();
    }

    RenderedRelease render() {
        return new RenderedRelease(new StrictKubernetesReader().readAll(renderYaml()));
    }

    /** The release notes an operator sees after {@code helm install}, from a client-side dry run. */
    String installNotes() {
        var install = helm.install().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION).clientOnly().withDryRunOption(DryRun.CLIENT);
        if (valuesFile != null) {
            install = install.withValuesFile(valuesFile);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            install = install.set(set.getKey(), set.getValue());
        }
        return install.call().getOutput();
    }

    /** The message Helm fails with, or an AssertionError when the values are accepted. */
    String renderFailure() {
        try {
            renderYaml();
        } catch (RuntimeException refused) {
            return refused.getMessage();
        }
        throw new AssertionError("the chart accepted values it should refuse: " + sets + (valuesFile != null ? " + " + valuesFile : ""));
    }
}
