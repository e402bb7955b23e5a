package dev.apfa.e2e.advice;

import dev.apfa.e2e.RunningSystem;
import dev.apfa.testkit.http.Http;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Makes sure the shipped corpus is indexed and active, the way an admin would: when no version is active, start an
 * embedding batch of {@code knowledge_base}, wait for index-service to build a version from it, activate it.
 */
final class KnowledgeIndex {

    private KnowledgeIndex() {
    }

    static void ensureActive(Http http, RunningSystem.Account admin) {
        if (activeVersion(http, admin) != null) {
            return;
        }
        Http.Response started = http.post("/api/admin/batches", Http.json(Map.of("source_table", "knowledge_base")), admin.token());
        assertThat(started.status()).as(started.body()).isIn(200, 201, 202);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            JsonNode listing = http.get("/api/admin/indexes", admin.token()).json();
            if (!listing.path("active_version").isNull() && !listing.path("active_version").isMissingNode()) {
                return true;
            }
            JsonNode versions = listing.path("versions");
            if (versions.isEmpty()) {
                return false;
            }
            int newest = versions.get(versions.size() - 1).path("version").asInt();
            return http.post("/api/admin/indexes/" + newest + "/activate", "{}", admin.token()).status() == 200;
        });
        assertThat(activeVersion(http, admin)).isNotNull();
    }

    private static Integer activeVersion(Http http, RunningSystem.Account admin) {
        JsonNode version = http.get("/api/admin/indexes", admin.token()).json().path("active_version");
        return version.isNumber() ? version.asInt() : null;
    }
}
