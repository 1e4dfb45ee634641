package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reader the render tests rely on really is strict: what the API server would reject, or
 * silently drop, fails here instead of vanishing into fabric8's additionalProperties.
 */
class StrictKubernetesReaderTest {

    private final StrictKubernetesReader reader = new StrictKubernetesReader();

    private static String deployment(String containerExtra, String podExtra) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: probe
                  labels:
                    app: probe
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: probe
                  template:
                    metadata:
                      labels:
                        app: probe
                    spec:
                %s
                      containers:
                        - name: probe
                          image: example/probe:1
                %s
                """.formatted(podExtra, containerExtra);
    }

    @Test
    void readsAWellFormedDeploymentIntoTheTypedModel() {
        List<HasMetadata> objects = reader.readAll("---\n# Source: x\n" + deployment("", "      hostname: probe") + "---\n");

        assertThat(objects).singleElement().isInstanceOf(Deployment.class);
        Deployment deployment = (Deployment) objects.get(0);
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("example/probe:1");
        assertThat(deployment.getAdditionalProperties()).isEmpty();
    }

    @Test
    void failsOnAMisspeltFieldDeepInsideTheContainer() {
        String yaml = deployment("""
                          securityContext:
                            readOnlyRootFileSystem: true
                """, "      hostname: probe");

        assertThatThrownBy(() -> reader.readAll(yaml))
                .hasMessageContaining("Deployment probe does not match the Kubernetes model")
                .hasMessageContaining("readOnlyRootFileSystem");
    }

    @Test
    void failsOnAFieldPutAtTheWrongLevel() {
        String yaml = deployment("", "      readOnlyRootFilesystem: true");

        assertThatThrownBy(() -> reader.readAll(yaml)).hasMessageContaining("readOnlyRootFilesystem");
    }

    @Test
    void failsOnANumberWhereKubernetesWantsAString() {
        String yaml = deployment("""
                          env:
                            - name: PORT
                              value: 7777
                """, "      hostname: probe");

        assertThatThrownBy(() -> reader.readAll(yaml)).hasMessageContaining("does not match the Kubernetes model");
    }

    @Test
    void failsOnAStringWhereKubernetesWantsANumber() {
        String yaml = deployment("", "      terminationGracePeriodSeconds: \"60\"");

        assertThatThrownBy(() -> reader.readAll(yaml)).hasMessageContaining("does not match the Kubernetes model");
    }

    @Test
    void failsOnADuplicateKey() {
        String yaml = deployment("", "      hostname: probe\n      hostname: again");

        assertThatThrownBy(() -> reader.readAll(yaml)).hasMessageContaining("hostname");
    }

    @Test
    void failsOnAKindTheChartIsNotMeantToRender() {
        String yaml = """
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRole
                metadata:
                  name: everything
                """;

        assertThatThrownBy(() -> reader.readAll(yaml)).hasMessageContaining("not expected to render rbac.authorization.k8s.io/v1/ClusterRole");
    }
}
