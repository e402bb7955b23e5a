package dev.apfa.audit.verify;

import dev.apfa.audit.retention.Retention;
import dev.apfa.audit.support.Events;
import dev.apfa.audit.support.IsolatedInfra;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.security.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET /api/audit/verify} over a chain of this test's own: intact, then exactly the edited
 * link, then exactly the deleted link; still intact after retention pruned the chain's head; and
 * only for a super_admin, with problem JSON otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class VerifyIT {

    private static final IsolatedInfra INFRA = new IsolatedInfra();
    private static final TestTokens TOKENS = TestTokens.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
        TOKENS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        INFRA.cleanUp();
    }

    @LocalServerPort
    int port;

    @Autowired
    EventPublisher publisher;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retention retention;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void reportsExactlyTheEditedAndTheDeletedLink() throws Exception {
        int chain = chainWithLinks(5, "user-" + UUID.randomUUID());
        try {
            assertThat(verify(chain).path("status").asString()).isEqualTo("intact");
            assertThat(verify(chain).path("checked_links").asLong()).isEqualTo(5);

            jdbc.sql("UPDATE audit_logs SET outcome = 'failure' WHERE chain = ? AND chain_seq = 3").param(chain).update();
            JsonNode edited = verify(chain).path("first_broken");
            assertThat(edited.path("chain").asInt()).isEqualTo(chain);
            assertThat(edited.path("chain_seq").asLong()).isEqualTo(3);
            assertThat(edited.path("problem").asString()).isEqualTo("content_altered");
            assertThat(edited.path("event_id").asString()).isEqualTo(eventIdAt(chain, 3));

            jdbc.sql("UPDATE audit_logs SET outcome = 'success' WHERE chain = ? AND chain_seq = 3").param(chain).update();
            assertThat(verify(chain).path("status").asString()).isEqualTo("intact");

            jdbc.sql("DELETE FROM audit_logs WHERE chain = ? AND chain_seq = 4").param(chain).update();
            JsonNode deleted = verify(chain).path("first_broken");
            assertThat(deleted.path("chain_seq").asLong()).isEqualTo(4);
            assertThat(deleted.path("problem").asString()).isEqualTo("missing");
        } finally {
            drop(chain);
        }
    }

    @Test
    void chainStaysVerifiableAfterRetentionPrunedItsHead() throws Exception {
        String userId = "user-" + UUID.randomUUID();
        int chain = chainWithLinks(3, userId);
        try {
            Instant cutoff = jdbc.sql("SELECT occurred_at FROM audit_logs WHERE chain = ? AND chain_seq = 3").param(chain)
                    .query(java.sql.Timestamp.class).single().toInstant();
            assertThat(retention.prune(chain, cutoff)).isEqualTo(2);
            assertThat(verify(chain).path("status").asString()).isEqualTo("intact");
            assertThat(verify(chain).path("checked_links").asLong()).isEqualTo(1);

            assertThat(retention.prune(chain, Instant.now().plusSeconds(3600))).isEqualTo(1);
            EventEnvelope<AuditEvent> after = Events.loginSucceeded(userId);
            publisher.publish(INFRA.auditTopic, userId, after).get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> eventIdAt(chain, 4) != null);
            assertThat(verify(chain).path("status").asString()).isEqualTo("intact");

            jdbc.sql("DELETE FROM chain_checkpoints WHERE chain = ?").param(chain).update();
            assertThat(verify(chain).path("first_broken").path("problem").asString()).isEqualTo("missing");
        } finally {
            drop(chain);
        }
    }

    @Test
    void retentionDeletesAuditIndicesWhoseMonthEndedMoreThanNinetyDaysAgo() throws Exception {
        String current = INFRA.auditIndexPrefix + "-" + java.time.format.DateTimeFormatter.ofPattern("yyyy.MM")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now());
        String old = INFRA.auditIndexPrefix + "-2020.01";
        for (String index : List.of(current, old)) {
            java.net.http.HttpResponse<String> created = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(dev.apfa.testkit.Infra.shared().elasticsearchUrl() + "/" + index))
                            .PUT(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isIn(200, 400);
        }
        assertThat(retention.deleteOldIndices(Instant.now())).containsExactly(old);
        assertThat(retention.deleteOldIndices(Instant.now())).isEmpty();
        assertThat(retention.deleteOldIndices(Instant.now().plus(Duration.ofDays(130)))).containsExactly(current);
    }

    @Test
    void onlyASuperAdminMayVerify() {
        RestClient http = RestClient.create("http://127.0.0.1:" + port);
        ResponseEntity<String> anonymous = http.get().uri("/api/audit/verify").header("X-Request-Id", "req-anon-1")
                .retrieve().onStatus(HttpStatusCode::isError, (rq, rs) -> { }).toEntity(String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertProblemJson(anonymous);
        assertThat(json.readTree(anonymous.getBody()).path("request_id").asString()).isEqualTo("req-anon-1");
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");

        // The gateway's identity headers alone no longer let anybody in: only a valid token does.
        ResponseEntity<String> forgedHeaders = http.get().uri("/api/audit/verify").header("X-User-Id", "u-root")
                .header("X-User-Roles", "super_admin").retrieve().onStatus(HttpStatusCode::isError, (rq, rs) -> { })
                .toEntity(String.class);
        assertThat(forgedHeaders.getStatusCode().value()).isEqualTo(401);
        assertProblemJson(forgedHeaders);

        for (String role : List.of("user", "admin")) {
            ResponseEntity<String> denied = http.get().uri("/api/audit/verify")
                    .header("Authorization", bearer(role)).retrieve()
                    .onStatus(HttpStatusCode::isError, (rq, rs) -> { }).toEntity(String.class);
            assertThat(denied.getStatusCode().value()).as(role).isEqualTo(403);
            assertProblemJson(denied);
            assertThat(json.readTree(denied.getBody()).path("request_id").asString()).isNotBlank();
        }

        ResponseEntity<String> badChain = http.get().uri("/api/audit/verify?chain=abc")
                .header("Authorization", bearer("super_admin")).retrieve()
                .onStatus(HttpStatusCode::isError, (rq, rs) -> { }).toEntity(String.class);
        assertThat(badChain.getStatusCode().value()).isEqualTo(400);
        assertThat(badChain.getBody()).doesNotContain("Exception").contains("request_id");
    }

    /**
     * problem+json; libs/security's entry point writes the 401 itself and adds {@code charset=UTF-8},
     * so the media type is compared without that parameter (and the charset, if any, must be UTF-8).
     */
    private static void assertProblemJson(ResponseEntity<String> response) {
        MediaType type = response.getHeaders().getContentType();
        assertThat(type).isNotNull();
        assertThat(type.equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON)).as(type.toString()).isTrue();
        assertThat(type.getCharset() == null || type.getCharset().equals(java.nio.charset.StandardCharsets.UTF_8))
                .as(type.toString()).isTrue();
    }

    /** A fresh user id per token: nothing else in the build can have revoked it. */
    private static String bearer(String role) {
        return "Bearer " + TOKENS.token(UUID.randomUUID().toString(), role + "-it", role);
    }

    /** Publishes {@code links} events with one key (one partition, so one chain) and returns that chain. */
    private int chainWithLinks(int links, String userId) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < links; i++) {
            EventEnvelope<AuditEvent> event = Events.loginSucceeded(userId);
            publisher.publish(INFRA.auditTopic, userId, event).get(30, TimeUnit.SECONDS);
            ids.add(event.id());
        }
        String last = ids.get(links - 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("SELECT count(*) FROM audit_logs WHERE event_id = ?")
                .param(UUID.fromString(last)).query(Long.class).single() == 1);
        int chain = jdbc.sql("SELECT chain FROM audit_logs WHERE event_id = ?").param(UUID.fromString(last))
                .query(Integer.class).single();
        // Other tests of this class may share the chain: start it afresh for this test.
        assertThat(jdbc.sql("SELECT count(*) FROM audit_logs WHERE chain = ?").param(chain).query(Long.class).single())
                .isEqualTo(links);
        return chain;
    }

    private String eventIdAt(int chain, long seq) {
        return jdbc.sql("SELECT event_id::text FROM audit_logs WHERE chain = ? AND chain_seq = ?").params(chain, seq)
                .query(String.class).optional().orElse(null);
    }

    private JsonNode verify(int chain) {
        String body = RestClient.create("http://127.0.0.1:" + port).get().uri("/api/audit/verify?chain={c}", chain)
                .header("Authorization", bearer("super_admin"))
                .retrieve().body(String.class);
        return json.readTree(body);
    }

    private void drop(int chain) {
        jdbc.sql("DELETE FROM audit_logs WHERE chain = ?").param(chain).update();
        jdbc.sql("DELETE FROM chain_checkpoints WHERE chain = ?").param(chain).update();
    }
}
