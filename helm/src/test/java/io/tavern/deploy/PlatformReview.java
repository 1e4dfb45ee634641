package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a platform security reviewer checks on any rendering of the chart, whatever the values:
 * non-root, no privilege escalation, read-only root file system, no capabilities, seccomp, probes
 * on the Actuator health groups, requests and limits, a grace period that covers the drain, and a
 * PodDisruptionBudget that selects the server.
 */
final class PlatformReview {

    private PlatformReview() {
    }

    static void assertAcceptable(RenderedRelease release) {
        assertPodRunsUnprivileged(release);
        assertProbesUseActuatorHealthGroups(release.server());
        assertResourcesAreBounded(release.server());
        assertShutdownIsGraceful(release);
        assertOnlyTmpAndDataAreWritable(release);
        assertDisruptionBudgetSelectsTheServer(release);
    }

    static void assertPodRunsUnprivileged(RenderedRelease release) {
        PodSpec pod = release.podSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        assertThat(podSecurity.getRunAsNonRoot()).as("pod runAsNonRoot").isTrue();
        assertThat(podSecurity.getRunAsUser()).as("pod runAsUser").isNotNull().isPositive();
        assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).as("service account token mounted").isFalse();
        assertThat(pod.getHostNetwork()).as("hostNetwork").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostPID()).as("hostPID").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getHostIPC()).as("hostIPC").isNotEqualTo(Boolean.TRUE);
        assertThat(pod.getInitContainers()).as("init containers").isEmpty();

        SecurityContext container = release.server().getSecurityContext();
        assertThat(container.getRunAsNonRoot()).as("container runAsNonRoot").isTrue();
        assertThat(container.getPrivileged()).as("privileged").isFalse();
        assertThat(container.getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation").isFalse();
        assertThat(container.getReadOnlyRootFilesystem()).as("readOnlyRootFilesystem").isTrue();
        assertThat(container.getCapabilities().getDrop()).as("dropped capabilities").containsExactly("ALL");
        assertThat(container.getCapabilities().getAdd()).as("added capabilities").isEmpty();
        assertThat(container.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    }

    static void assertProbesUseActuatorHealthGroups(Container server) {
        assertHttpProbe(server.getStartupProbe(), "/actuator/health/liveness");
        assertHttpProbe(server.getLivenessProbe(), "/actuator/health/liveness");
        assertHttpProbe(server.getReadinessProbe(), "/actuator/health/readiness");
        assertThat(server.getStartupProbe().getPeriodSeconds() * server.getStartupProbe().getFailureThreshold())
                .as("seconds the server is given to start before liveness takes over")
                .isGreaterThanOrEqualTo(60);
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).as("probe on " + path).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).as("probe port").isEqualTo("http");
        assertThat(probe.getTimeoutSeconds()).isPositive();
    }

    static void assertResourcesAreBounded(Container server) {
        Map<String, Quantity> requests = server.getResources().getRequests();
        Map<String, Quantity> limits = server.getResources().getLimits();
        assertThat(requests).as("requests").containsKeys("cpu", "memory");
        assertThat(limits).as("limits").containsKeys("cpu", "memory");
        assertThat(Quantity.getAmountInBytes(limits.get("memory")))
                .as("memory limit is at least the request")
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));
        assertThat(Quantity.getAmountInBytes(limits.get("cpu")))
                .as("cpu limit is at least the request")
                .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("cpu")));
    }

    /**
     * Kubernetes sends SIGTERM after the preStop sleep and kills the container when the grace period
     * ends. The server may take its whole shutdown budget, every {@code tavern.shutdown.*} wait one after
     * the other; the grace period must outlast the sleep and the budget.
     */
    static void assertShutdownIsGraceful(RenderedRelease release) {
        List<String> preStop = release.server().getLifecycle().getPreStop().getExec().getCommand();
        assertThat(preStop).hasSize(2).first().isEqualTo("sleep");
        long preStopSeconds = Long.parseLong(preStop.get(1));
        assertThat(preStopSeconds).as("preStop sleep lets load balancers stop routing first").isPositive();

        JsonNode config = release.applicationConfig();
        assertThat(config.at("/server/shutdown").asText()).isEqualTo("graceful");
        long budgetSeconds = shutdownBudgetSeconds(config);

        assertThat(release.podSpec().getTerminationGracePeriodSeconds())
                .as("terminationGracePeriodSeconds > preStop sleep + the server's shutdown budget")
                .isGreaterThan(preStopSeconds + budgetSeconds);
    }

    /** The waits the server is configured with, which run one after the other: their sum. */
    static long shutdownBudgetSeconds(JsonNode config) {
        JsonNode shutdown = config.at("/tavern/shutdown");
        List<String> waits = new ArrayList<>();
        shutdown.fieldNames().forEachRemaining(waits::add);
        assertThat(waits).as("every wait of the server's shutdown budget").containsExactlyInAnyOrder(
                "network-drain", "network-close", "http-drain", "logic-drain", "hash-drain", "node-release",
                "archive-flush", "database-drain");
        long sum = 0;
        for (String wait : waits) {
            sum += seconds(shutdown.get(wait).asText());
        }
        return sum;
    }

    static void assertOnlyTmpAndDataAreWritable(RenderedRelease release) {
        List<VolumeMount> writable = release.server().getVolumeMounts().stream()
                .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
                .toList();
        assertThat(writable).extracting(VolumeMount::getMountPath).isSubsetOf("/tmp", "/app/data").contains("/tmp");
    }

    static void assertDisruptionBudgetSelectsTheServer(RenderedRelease release) {
        PodDisruptionBudget pdb = release.get(PodDisruptionBudget.class, RenderedRelease.FULLNAME);
        assertThat(pdb.getSpec().getSelector().getMatchLabels())
                .isEqualTo(release.deployment().getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable() != null || pdb.getSpec().getMinAvailable() != null)
                .as("the budget sets maxUnavailable or minAvailable").isTrue();
    }

    static long seconds(String springDuration) {
        if (!springDuration.matches("\\d+s")) {
            throw new AssertionError("expected a duration in seconds like 30s, got '" + springDuration + "'");
        }
        return Long.parseLong(springDuration.substring(0, springDuration.length() - 1));
    }
}
