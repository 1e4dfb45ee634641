package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What `helm install` prints: how to connect a CLI, reach the admin API and scrape metrics. */
class HelmNotesTest {

    @Test
    void defaultInstallExplainsPortForwardingTheCliAndTheGeneratedAdminToken() {
        String notes = TavernChart.withDefaults().installNotes();

        assertThat(notes)
                .contains("kubectl -n games rollout status deployment/tavern")
                .contains("kubectl -n games port-forward service/tavern-game 7777:7777")
                .contains("java -jar tavern-cli.jar --host 127.0.0.1 --port 7777 --guest alice")
                .contains("kubectl -n games port-forward service/tavern-admin 8080:8080")
                .contains("generated one into a file only it can read")
                .contains("kubectl -n games exec deployment/tavern -- cat /tmp/tavern/admin-token")
                .contains("http://127.0.0.1:8080/admin/api/stats")
                .contains("/actuator/health/readiness")
                .contains("http://tavern-admin.games.svc:8080/actuator/prometheus")
                .contains("serviceMonitor.enabled=true")
                .contains("LOST whenever the pod is replaced");
    }

    @Test
    void productionInstallExplainsTheLoadBalancerAddressAndTheTokenInTheExistingSecret() {
        String notes = TavernChart.withProductionValues().installNotes();

        assertThat(notes)
                .contains("kubectl -n games get service tavern-game")
                .contains("{.status.loadBalancer.ingress[0].ip}")
                .contains("java -jar tavern-cli.jar --host \"$TAVERN_HOST\" --port 7777 --guest alice")
                .contains("kubectl -n games get secret tavern-credentials")
                .contains("{.data.admin-token}")
                .contains("Authorization: Bearer $TAVERN_ADMIN_TOKEN")
                .contains("ServiceMonitor \"tavern\" (namespace games) scrapes it every 15s")
                .contains("only from namespaces: monitoring, tavern-ops")
                .doesNotContain("embedded database")
                .doesNotContain("port-forward service/tavern-game");
    }

    @Test
    void nodePortInstallExplainsTheNodeAddressAndPort() {
        String notes = TavernChart.withDefaults().set("gameService.type", "NodePort").installNotes();

        assertThat(notes)
                .contains("{.spec.ports[0].nodePort}")
                .contains("java -jar tavern-cli.jar --host \"$TAVERN_HOST\" --port \"$TAVERN_PORT\" --guest alice");
    }
}
