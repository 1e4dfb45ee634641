package io.tavern.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/** Every object of one rendered release, typed, with the look-ups the tests need. */
record RenderedRelease(List<HasMetadata> objects) {

    static final String FULLNAME = TavernChart.RELEASE; // the release name already contains "tavern"

    <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                "no " + kind.getSimpleName() + " named " + name + " in " + names()));
    }

    List<String> names() {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
    }

    Deployment deployment() {
        return get(Deployment.class, FULLNAME);
    }

    PodSpec podSpec() {
        return deployment().getSpec().getTemplate().getSpec();
    }

    Container server() {
        List<Container> containers = podSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError("expected exactly one container, got " + containers.size());
        }
        return containers.get(0);
    }

    Optional<EnvVar> env(String name) {
        return server().getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    Service gameService() {
        return get(Service.class, FULLNAME + "-game");
    }

    Service adminService() {
        return get(Service.class, FULLNAME + "-admin");
    }

    /** The application.yaml the chart hands the server, parsed. */
    JsonNode applicationConfig() {
        String yaml = get(ConfigMap.class, FULLNAME).getData().get("application.yaml");
        if (yaml == null) {
            throw new AssertionError("ConfigMap has no application.yaml");
        }
        try {
            return new YAMLMapper().readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
