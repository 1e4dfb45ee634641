package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** The audit log as the admin API lists it: for tests to find the entry an action wrote. */
final class AuditLog {

    private final AdminHttp admin;

    AuditLog(AdminHttp admin) {
        this.admin = admin;
    }

    /** The newest entries (one page of 500), newest first. */
    List<JsonNode> newest() {
        AdminHttp.Reply reply = admin.get("/admin/api/audit?size=500");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        reply.json().path("items").forEach(entries::add);
        return entries;
    }

    /** The newest entry of {@code action} on {@code target}. */
    Optional<JsonNode> latest(String action, String target) {
        return newest().stream()
                .filter(entry -> entry.path("action").asString().equals(action)
                        && entry.path("target").asString().equals(target))
                .findFirst();
    }

    JsonNode require(String action, String target) {
        return latest(action, target)
                .orElseThrow(() -> new AssertionError("no audit entry " + action + " on " + target + " in " + newest()));
    }
}
