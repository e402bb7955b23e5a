package dev.apfa.search;

import dev.apfa.security.testing.TestTokens;
import dev.apfa.testkit.Infra;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search over real Elasticsearch indices built with audit-service's template: RBAC (a user sees
 * only their own events through every parameter, aggregation, page and export), filters,
 * aggregations, search_after paging, NDJSON/CSV export and problem answers to bad input.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SearchIT {

    private static final String PREFIX = Infra.uniqueName("audit-logs-it");
    private static final String TASKS = Infra.uniqueName("tasks-it");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestTokens TOKENS = TestTokens.start();
    /** Alice's user id is random (her events are indexed under it and her token's sub is it). */
    private static final String ALICE = "u-alice-" + UUID.randomUUID();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("apfa.search.audit-index", () -> PREFIX + "-*");
        registry.add("apfa.search.tasks-index", () -> TASKS);
        TOKENS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void indexDocuments() throws Exception {
        for (String template : List.of("apfa-audit-logs", "apfa-tasks")) {
            es("PUT", "/_index_template/" + template, new ClassPathResource("elasticsearch/index-templates/" + template + ".json")
                    .getContentAsString(StandardCharsets.UTF_8));
        }
        StringBuilder bulk = new StringBuilder();
        audit(bulk, "2026.10", "e-01", "2026-10-30T10:00:00Z", ALICE, "alice", "login.succeeded", "success", "auth-service");
        audit(bulk, "2026.11", "e-02", "2026-11-02T10:00:00Z", ALICE, "alice", "login.failed", "failure", "auth-service");
        audit(bulk, "2026.11", "e-03", "2026-11-03T10:00:00Z", ALICE, "alice", "advice.generated", "success", "advice-service");
        audit(bulk, "2026.11", "e-04", "2026-11-03T11:00:00Z", "u-bob", "bob", "login.failed", "failure", "auth-service");
        audit(bulk, "2026.11", "e-05", "2026-11-04T11:00:00Z", "u-bob", "=HYPERLINK(\\\"x\\\")", "advice.generated", "success", "advice-service");
        audit(bulk, "2026.11", "e-06", "2026-11-05T12:00:00Z", "u-root", "root", "user.role_changed", "denied", "auth-service");
        bulk.append("{\"index\":{\"_index\":\"").append(TASKS).append("\",\"_id\":\"t-1\"}}\n")
                .append("{\"@timestamp\":\"2026-11-05T12:00:00Z\",\"message\":\"apfa.task.batch.failed b-1: disk quota exceeded\",")
                .append("\"event\":{\"id\":\"t-1\",\"type\":\"apfa.task.batch.failed\"},")
                .append("\"task\":{\"id\":\"b-1\",\"kind\":\"batch\",\"status\":\"FAILED\",\"error\":\"disk quota exceeded\"}}\n");
        JsonNode response = JSON.readTree(es("POST", "/_bulk?refresh=true", bulk.toString()));
        assertThat(response.path("errors").asBoolean()).as(response.toString()).isFalse();
    }

    @AfterAll
    static void dropIndices() throws Exception {
        // Named, not a wildcard: Elasticsearch refuses wildcard deletes (action.destructive_requires_name).
        es("DELETE", "/" + PREFIX + "-2026.10," + PREFIX + "-2026.11," + TASKS + "?ignore_unavailable=true", null);
    }

    @LocalServerPort
    int port;

    @Test
    void userSeesOnlyTheirOwnEventsWhateverTheQuerySays() {
        assertThat(ids(get("/api/search/audit", "user"))).containsExactlyInAnyOrder("e-01", "e-02", "e-03");
        assertThat(ids(get("/api/search/audit?user=u-bob", "user"))).isEmpty();
        assertThat(ids(get("/api/search/audit?user=bob", "user"))).isEmpty();
        assertThat(ids(get("/api/search/audit?q=bob", "user"))).isEmpty();
        assertThat(ids(get("/api/search/audit?q=u-bob | u-root | alice", "user"))).containsExactlyInAnyOrder("e-01", "e-02", "e-03");
        assertThat(ids(get("/api/search/audit?action=login.failed", "user"))).containsExactly("e-02");

        JsonNode page = get("/api/search/audit", "user");
        assertThat(page.path("total").asLong()).isEqualTo(3);
        assertThat(bucketKeys(page, "by_action")).containsExactlyInAnyOrder("login.succeeded", "login.failed", "advice.generated");

        String csv = raw("/api/search/audit?format=csv", "user").getBody();
        assertThat(csv).contains("e-01", "e-02", "e-03").doesNotContain("u-bob", "u-root");
        String ndjson = raw("/api/search/audit?format=ndjson&q=login*", "user").getBody();
        assertThat(ndjson.strip().split("\n")).hasSize(2).allSatisfy(line -> assertThat(line).contains(ALICE));
    }

    @Test
    void adminSearchesEverythingWithFiltersAndAggregations() {
        assertThat(get("/api/search/audit", "admin").path("total").asLong()).isEqualTo(6);
        assertThat(ids(get("/api/search/audit?action=login.failed", "admin"))).containsExactlyInAnyOrder("e-02", "e-04");
        assertThat(ids(get("/api/search/audit?outcome=denied", "admin"))).containsExactly("e-06");
        assertThat(ids(get("/api/search/audit?user=bob&service=advice-service", "admin"))).isEmpty();
        assertThat(ids(get("/api/search/audit?user=u-bob&service=advice-service", "admin"))).containsExactly("e-05");
        assertThat(ids(get("/api/search/audit?from=2026-11-03T00:00:00Z&to=2026-11-04T00:00:00Z", "admin")))
                .containsExactlyInAnyOrder("e-03", "e-04");
        assertThat(ids(get("/api/search/audit?q=advice*", "admin"))).containsExactlyInAnyOrder("e-03", "e-05");

        JsonNode all = get("/api/search/audit?interval=month", "admin");
        assertThat(bucket(all, "by_outcome", "failure")).isEqualTo(2);
        assertThat(bucket(all, "by_action", "login.failed")).isEqualTo(2);
        assertThat(all.path("aggregations").path("over_time")).hasSize(2);
        assertThat(ids(get("/api/search/audit?sort=@timestamp&order=asc&size=1", "admin"))).containsExactly("e-01");
    }

    @Test
    void deepPagingWithSearchAfterVisitsEveryEventOnce() {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/search/audit?size=2" + (next == null ? "" : "&search_after=" + next), "admin");
            seen.addAll(ids(page));
            next = page.path("next_search_after").isNull() || page.path("next_search_after").isMissingNode()
                    ? null : page.path("next_search_after").asString();
            pages++;
        } while (next != null && pages < 10);
        assertThat(seen).hasSize(6).doesNotHaveDuplicates();
        assertThat(seen.get(0)).isEqualTo("e-06");
    }

    @Test
    void csvExportDefusesFormulas() {
        ResponseEntity<String> csv = raw("/api/search/audit?format=csv&user=u-bob", "admin");
        assertThat(csv.getHeaders().getContentType().toString()).startsWith("text/csv");
        assertThat(csv.getHeaders().getFirst("Content-Disposition")).contains("attachment");
        String[] lines = csv.getBody().split("\r\n");
        assertThat(lines[0]).startsWith("@timestamp,event.id,event.action");
        assertThat(lines).hasSize(3);
        assertThat(csv.getBody()).contains("\"'=HYPERLINK(\"\"x\"\")\"");
    }

    @Test
    void tasksAreForAdminsAndSearchableByTheirErrors() {
        assertThat(get("/api/search/tasks?q=quota&status=failed", "admin").path("hits").get(0).path("task").path("id").asString())
                .isEqualTo("b-1");
        assertThat(raw("/api/search/tasks?q=quota", "user").getStatusCode().value()).isEqualTo(403);
        assertThat(raw("/api/search/embeddings", "user").getStatusCode().value()).isEqualTo(403);
        assertThat(get("/api/search/embeddings?q=mortgage", "admin").path("total").asLong()).isZero();
    }

    @Test
    void badInputIsAProblemWithTheRequestId() {
        for (String uri : List.of("/api/search/audit?q=*alice", "/api/search/audit?q=/ali.*/", "/api/search/audit?q=alice~2",
                "/api/search/audit?size=1000", "/api/search/audit?search_after=not-a-token", "/api/search/audit?from=yesterday",
                "/api/search/audit?sort=message", "/api/search/audit?outcome=maybe", "/api/search/audit?format=xml",
                "/api/search/audit?interval=fortnight", "/api/search/tasks?status=DONE")) {
            ResponseEntity<String> response = RestClient.create("http://127.0.0.1:" + port).get().uri(URI.create("http://127.0.0.1:" + port + uri.replace(" ", "%20").replace("|", "%7C")))
                    .header("Authorization", bearer("admin")).header("X-Request-Id", "req-search-42")
                    .retrieve().onStatus(HttpStatusCode::isError, (rq, rs) -> { }).toEntity(String.class);
            assertThat(response.getStatusCode().value()).as(uri).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).as(uri).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(JSON.readTree(response.getBody()).path("request_id").asString()).as(uri).isEqualTo("req-search-42");
            assertThat(response.getBody()).as(uri).doesNotContain("Exception", "at dev.apfa");
        }
        ResponseEntity<String> anonymous = RestClient.create("http://127.0.0.1:" + port).get().uri("/api/search/audit")
                .retrieve().onStatus(HttpStatusCode::isError, (rq, rs) -> { }).toEntity(String.class);
        assertThat(anonymous.getStatusCode().value()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.getBody()).path("request_id").asString()).isNotBlank();
    }

    @Test
    void noTokenIs401AndAUserTokenOnAnAdminRouteIs403() {
        for (String uri : List.of("/api/search/audit", "/api/search/tasks", "/api/search/embeddings")) {
            ResponseEntity<String> anonymous = call(uri, null, "req-anon-7");
            assertProblem(anonymous, uri, 401);
            assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).as(uri).startsWith("Bearer");
            // The gateway's identity headers alone are no credential any more.
            ResponseEntity<String> headersOnly = RestClient.create().get().uri(URI.create("http://127.0.0.1:" + port + uri))
                    .header("X-User-Id", "u-root").header("X-User-Roles", "admin").header("X-Request-Id", "req-anon-7")
                    .retrieve().onStatus(HttpStatusCode::isError, (rq, rs) -> { }).toEntity(String.class);
            assertProblem(headersOnly, uri, 401);
        }
        for (String uri : List.of("/api/search/tasks", "/api/search/embeddings")) {
            assertProblem(call(uri, bearer("user"), "req-anon-7"), uri, 403);
            assertProblem(call(uri, bearer("financial_advisor"), "req-anon-7"), uri, 403);
        }
    }

    private ResponseEntity<String> call(String uri, String authorization, String requestId) {
        var request = RestClient.create().get().uri(URI.create("http://127.0.0.1:" + port + uri)).header("X-Request-Id", requestId);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.retrieve().onStatus(HttpStatusCode::isError, (rq, rs) -> { }).toEntity(String.class);
    }

    private static void assertProblem(ResponseEntity<String> response, String uri, int status) {
        assertThat(response.getStatusCode().value()).as(uri).isEqualTo(status);
        // The 401 is written by libs/security's entry point, which adds charset=UTF-8 to the media type.
        assertThat(response.getHeaders().getContentType().equalsTypeAndSubtype(MediaType.APPLICATION_PROBLEM_JSON))
                .as(uri + " " + response.getHeaders().getContentType()).isTrue();
        assertThat(JSON.readTree(response.getBody()).path("request_id").asString()).as(uri).isEqualTo("req-anon-7");
    }

    /** A token for the role; a user token is Alice's, any other a fresh random user's. */
    private static String bearer(String role) {
        String userId = role.equals("user") ? ALICE : UUID.randomUUID().toString();
        return "Bearer " + TOKENS.token(userId, role.equals("user") ? "alice" : role + "-it", role);
    }

    private JsonNode get(String uri, String role) {
        ResponseEntity<String> response = raw(uri, role);
        assertThat(response.getStatusCode().value()).as(uri + " " + response.getBody()).isEqualTo(200);
        return JSON.readTree(response.getBody());
    }

    private ResponseEntity<String> raw(String uri, String role) {
        return RestClient.create().get().uri(URI.create("http://127.0.0.1:" + port + uri.replace(" ", "%20").replace("|", "%7C")))
                .header("Authorization", bearer(role))
                .retrieve().onStatus(HttpStatusCode::isError, (rq, rs) -> { }).toEntity(String.class);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("hits").forEach(hit -> ids.add(hit.path("event").path("id").asString()));
        return ids;
    }

    private static Set<String> bucketKeys(JsonNode page, String aggregation) {
        Set<String> keys = new HashSet<>();
        page.path("aggregations").path(aggregation).forEach(b -> keys.add(b.path("key").asString()));
        return keys;
    }

    private static long bucket(JsonNode page, String aggregation, String key) {
        for (JsonNode b : page.path("aggregations").path(aggregation)) {
            if (b.path("key").asString().equals(key)) {
                return b.path("count").asLong();
            }
        }
        return 0;
    }

    private static void audit(StringBuilder bulk, String month, String id, String at, String userId, String userName,
                              String action, String outcome, String service) {
        bulk.append("{\"index\":{\"_index\":\"").append(PREFIX).append('-').append(month).append("\",\"_id\":\"").append(id).append("\"}}\n")
                .append("{\"@timestamp\":\"").append(at).append("\",\"message\":\"").append(action).append(" by ").append(userId)
                .append("\",\"event\":{\"id\":\"").append(id).append("\",\"action\":\"").append(action)
                .append("\",\"outcome\":\"").append("success".equals(outcome) ? "success" : "failure")
                .append("\"},\"user\":{\"id\":\"").append(userId).append("\",\"name\":\"").append(userName)
                .append("\",\"roles\":[\"user\"]},\"source\":{\"ip\":\"192.0.2.20\"},\"service\":{\"name\":\"").append(service)
                .append("\"},\"apfa\":{\"outcome\":\"").append(outcome).append("\"}}\n");
    }

    private static String es(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Infra.shared().elasticsearchUrl() + path))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isLessThan(300);
        return response.body();
    }
}
