package dev.apfa.index;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.task.v1.BatchCompleted;
import dev.apfa.contracts.task.v1.IndexActivated;
import dev.apfa.index.source.InMemoryVectorSource;
import dev.apfa.messaging.EventPublisher;
import dev.apfa.index.source.SourceVectors;
import dev.apfa.index.support.Api;
import dev.apfa.index.support.ServiceTestSupport;
import dev.apfa.index.support.TaskTopic;
import dev.apfa.index.support.TestTables;
import dev.apfa.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Builds, publishes, activates and searches through the HTTP API against real Kafka, checking the
 * artifact layout, the manifest, the task-events (against their schemas) and the refusal of a
 * corrupted artifact.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ServiceTestSupport.Tables.class)
class IndexLifecycleIT {

    private static final TaskTopic TOPIC = newTopic();
    private static final TaskTopic AUDIT = newTopic();
    private static Path data;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        data = ServiceTestSupport.registerInfrastructure(registry, TOPIC);
        // Nothing listens there: text queries meet an unavailable embedding-service.
        int closedPort = ServiceProcess.freePort();
        registry.add("apfa.index.embedding.url", () -> "http://127.0.0.1:" + closedPort);
        registry.add("apfa.messaging.audit-topic", AUDIT::name);
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemoryVectorSource tables;

    @Autowired
    IndexProperties properties;

    @Autowired
    EventPublisher publisher;

    Api api;
    /** The admin of this test: a random user id, so no stored token version applies and events can be matched to it. */
    String adminId;

    @BeforeEach
    void client() {
        adminId = UUID.randomUUID().toString();
        api = new Api(port, ServiceTestSupport.token(adminId, "admin"));
    }

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
        AUDIT.close();
    }

    @Test
    void buildPublishesAVersionedArtifactThatActivationServes() {
        SourceVectors table = TestTables.table("embeddings", 7, 3000, 32, 7);
        tables.put(table);

        JsonNode task = ServiceTestSupport.build(api, 7);
        assertThat(task.get("status").asString()).isEqualTo("COMPLETED");
        int version = task.get("version").asInt();
        String buildId = task.get("build_id").asString();

        Path dir = data.resolve("artifacts/indexes/knowledge/v" + version);
        assertThat(dir.resolve("index.faiss")).isRegularFile();
        assertThat(dir.resolve("ids.txt")).isRegularFile();
        assertThat(dir.resolve("manifest.json")).isRegularFile();

        JsonNode manifest = versionView(version).get("manifest");
        assertThat(manifest.get("version").asInt()).isEqualTo(version);
        assertThat(manifest.get("index_type").asString()).isEqualTo("IndexFlatIP");
        assertThat(manifest.get("metric").asString()).isEqualTo("inner_product");
        assertThat(manifest.get("ntotal").asLong()).isEqualTo(3000);
        assertThat(manifest.get("dimension").asInt()).isEqualTo(32);
        assertThat(manifest.get("source_table").asString()).isEqualTo("embeddings");
        assertThat(manifest.get("source_version").asLong()).isEqualTo(7);
        assertThat(manifest.get("model").asString()).isEqualTo("all-MiniLM-L6-v2");
        assertThat(manifest.get("recall_at_10").asDouble()).isEqualTo(1.0);
        assertThat(manifest.get("recall_queries").asInt()).isGreaterThanOrEqualTo(1000);
        assertThat(manifest.get("sha256").get("index.faiss").asString()).hasSize(64);
        assertThat(manifest.get("sha256").get("ids.txt").asString()).hasSize(64);
        assertThat(manifest.get("created_at").asString()).isNotBlank();

        JsonNode startedEvent = TOPIC.await("apfa.task.index.build.started", e -> buildId.equals(e.get("build_id").asString()));
        assertThat(startedEvent.get("vectors").asLong()).isEqualTo(3000);
        assertThat(startedEvent.get("requested_by").asString()).isEqualTo(adminId);
        JsonNode published = TOPIC.await("apfa.task.index.build.published", e -> buildId.equals(e.get("build_id").asString()));
        assertThat(published.get("version").asInt()).isEqualTo(version);
        assertThat(published.get("recall_at_10").asDouble()).isEqualTo(1.0);

        Api.Response activated = api.post("/api/admin/indexes/" + version + "/activate", null);
        assertThat(activated.status()).isEqualTo(200);
        assertThat(activated.body().get("version").asInt()).isEqualTo(version);
        JsonNode activatedEvent = TOPIC.await("apfa.task.index.activated", e -> e.get("version").asInt() == version);
        // The real admin from the token, not "unknown".
        assertThat(activatedEvent.get("activated_by").asString()).isEqualTo(adminId);
        assertThat(versionView(version).get("active").asBoolean()).isTrue();
        // Who requested the build and who activated the version, on the audit trail.
        JsonNode requested = AUDIT.await("apfa.audit.index.build_requested", e -> buildId.equals(e.path("resource").path("id").asString()));
        assertThat(requested.path("actor").path("id").asString()).isEqualTo(adminId);
        JsonNode audited = AUDIT.await("apfa.audit.index.activated",
                e -> e.path("resource").path("id").asString().endsWith("/" + version));
        assertThat(audited.path("actor").path("id").asString()).isEqualTo(adminId);
        assertThat(audited.path("outcome").asString()).isEqualTo("success");

        Api.Response hits = api.post("/internal/search", api.json(Map.of("vector", TestTables.row(table, 5), "k", 3)));
        assertThat(hits.status()).isEqualTo(200);
        assertThat(hits.body().get("index_version").asInt()).isEqualTo(version);
        assertThat(hits.body().get("results")).hasSize(3);
        assertThat(hits.body().get("results").get(0).get("doc_id").asString()).isEqualTo("t7-doc-5");
        assertThat(hits.body().get("results").get(0).get("score").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void corruptedArtifactIsRefusedAndTheActiveIndexStays() throws Exception {
        SourceVectors good = TestTables.table("embeddings", 21, 1500, 32, 21);
        tables.put(good);
        tables.put(TestTables.table("embeddings", 22, 1500, 32, 22));
        int goodVersion = ServiceTestSupport.buildCompleted(api, 21);
        int badVersion = ServiceTestSupport.buildCompleted(api, 22);
        assertThat(api.post("/api/admin/indexes/" + goodVersion + "/activate", null).status()).isEqualTo(200);

        Path file = data.resolve("artifacts/indexes/knowledge/v" + badVersion + "/index.faiss");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);

        Api.Response refused = api.post("/api/admin/indexes/" + badVersion + "/activate", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("detail").asString()).contains("sha256");
        assertThat(refused.body().get("request_id").asString()).isEqualTo(refused.requestId());

        assertThat(api.get("/api/admin/indexes").body().get("active_version").asInt()).isEqualTo(goodVersion);
        Api.Response hits = api.post("/internal/search", api.json(Map.of("vector", TestTables.row(good, 9))));
        assertThat(hits.body().get("index_version").asInt()).isEqualTo(goodVersion);
        assertThat(hits.body().get("results").get(0).get("doc_id").asString()).isEqualTo("t21-doc-9");
        assertThat(hits.body().get("results")).hasSize(10);
    }

    @Test
    void textQueryWhileEmbeddingServiceIsDownIsAClear503() {
        tables.put(TestTables.table("embeddings", 61, 300, 32, 61));
        int version = ServiceTestSupport.buildCompleted(api, 61);
        assertThat(api.post("/api/admin/indexes/" + version + "/activate", null).status()).isEqualTo(200);

        Api.Response down = api.post("/internal/search", "{\"text\":\"How much house can I afford?\",\"k\":5}");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.contentType()).startsWith("application/problem+json");
        assertThat(down.body().get("detail").asString()).contains("embedding-service");
        assertThat(down.body().get("request_id").asString()).isEqualTo(down.requestId());
        // Generated vectors have no corpus behind them: hits carry ids and scores only, as before.
        Api.Response hits = api.post("/internal/search", "{\"vector\":" + api.json(TestTables.row(
                TestTables.table("embeddings", 61, 300, 32, 61), 4)) + ",\"k\":1}");
        assertThat(hits.body().get("results").get(0).get("doc_id").asString()).isEqualTo("t61-doc-4");
        assertThat(hits.body().get("results").get(0).has("title")).isFalse();
    }

    @Test
    void completedEmbeddingBatchTriggersABuildOfItsTableVersion() throws Exception {
        tables.put(TestTables.table("embeddings", 41, 800, 32, 41));
        String batchId = "batch-" + java.util.UUID.randomUUID();
        BatchCompleted completed = new BatchCompleted(batchId, "knowledge_base", 3, "embeddings", 41,
                "all-MiniLM-L6-v2", 800, 800, 0, 0, 1000, 800.0, null);
        publisher.publish(TOPIC.name(), batchId,
                EventEnvelope.create("embedding-service", "apfa.task.batch.completed", batchId, completed))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);

        JsonNode started = TOPIC.await("apfa.task.index.build.started", e -> e.has("batch_id")
                && batchId.equals(e.get("batch_id").asString()));
        assertThat(started.get("source_version").asLong()).isEqualTo(41);
        String buildId = started.get("build_id").asString();
        JsonNode published = TOPIC.await("apfa.task.index.build.published", e -> buildId.equals(e.get("build_id").asString()));
        assertThat(published.get("source_version").asLong()).isEqualTo(41);
        assertThat(published.get("ntotal").asLong()).isEqualTo(800);
    }

    @Test
    void instanceFollowsAnActivationMadeByAnotherInstance() throws Exception {
        SourceVectors own = TestTables.table("embeddings", 51, 600, 32, 51);
        SourceVectors other = TestTables.table("embeddings", 52, 600, 32, 52);
        tables.put(own);
        tables.put(other);
        int ownVersion = ServiceTestSupport.buildCompleted(api, 51);
        int otherVersion = ServiceTestSupport.buildCompleted(api, 52);
        assertThat(api.post("/api/admin/indexes/" + ownVersion + "/activate", null).status()).isEqualTo(200);

        // What another instance does on activation: record the version in the store, publish the event.
        Files.writeString(data.resolve("artifacts/indexes/knowledge/ACTIVE"), Integer.toString(otherVersion));
        EventEnvelope<IndexActivated> activated = EventEnvelope.create("index-service", "apfa.task.index.activated",
                "knowledge", new IndexActivated("knowledge", otherVersion, ownVersion, false, "other-instance"));
        String query = api.json(Map.of("vector", TestTables.row(other, 3), "k", 1));
        // Re-sent until seen: the per-instance group starts at the latest offset once it is assigned.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            publisher.publish(TOPIC.name(), "knowledge", activated).get(30, java.util.concurrent.TimeUnit.SECONDS);
            return api.post("/internal/search", query).body().get("index_version").asInt() == otherVersion;
        });
        assertThat(api.post("/internal/search", query).body().get("results").get(0).get("doc_id").asString())
                .isEqualTo("t52-doc-3");
    }

    @Test
    void buildOfAMissingSourceVersionFailsWithAnEvent() {
        JsonNode task = ServiceTestSupport.build(api, 999_999);
        assertThat(task.get("status").asString()).isEqualTo("FAILED");
        assertThat(task.get("failure_code").asString()).isEqualTo("source_unavailable");
        String buildId = task.get("build_id").asString();
        JsonNode event = TOPIC.await("apfa.task.index.build.failed", e -> buildId.equals(e.get("build_id").asString()));
        assertThat(event.get("failure_code").asString()).isEqualTo("source_unavailable");
    }

    @Test
    void badInputIsA4xxProblemWithTheRequestId() {
        tables.put(TestTables.table("embeddings", 31, 500, 32, 31));
        int version = ServiceTestSupport.buildCompleted(api, 31);
        assertThat(api.post("/api/admin/indexes/" + version + "/activate", null).status()).isEqualTo(200);
        float[] vector = new float[32];
        vector[0] = 1;

        assertProblem(api.post("/internal/search", "{not json"), 400);
        assertProblem(api.post("/internal/search", null), 400);
        assertProblem(api.post("/internal/search", "{}"), 400);
        assertProblem(api.post("/internal/search", api.json(Map.of("vector", new float[0]))), 400);
        assertProblem(api.post("/internal/search", api.json(Map.of("vector", new float[31]))), 400);
        assertProblem(api.post("/internal/search", api.json(Map.of("vector", vector, "k", 0))), 400);
        assertProblem(api.post("/internal/search", api.json(Map.of("vector", vector, "k", 1000))), 400);
        assertProblem(api.post("/internal/search", api.json(Map.of("vector", vector, "nprobe", -1))), 400);
        assertProblem(api.post("/internal/search", api.json(Map.of("vector", vector, "text", "rates"))), 400);
        assertProblem(api.post("/internal/search", api.json(Map.of("text", "  "))), 400);
        assertProblem(api.post("/internal/search", "{\"vector\": [\"a\", 1]}"), 400);
        assertProblem(api.post("/api/admin/indexes/999999/activate", null), 404);
        assertProblem(api.post("/api/admin/indexes/abc/activate", null), 400);
        assertProblem(api.post("/api/admin/indexes/0/activate", null), 400);
        assertProblem(api.post("/api/admin/indexes/builds", "{\"source_version\": -1}"), 400);
        assertProblem(api.post("/api/admin/indexes/builds", "[1,2"), 400);
        assertProblem(api.get("/api/admin/indexes/builds/no-such-build"), 404);
        assertProblem(api.get("/no/such/path"), 404);

        // The failures above left the service serving.
        Api.Response ok = api.post("/internal/search", api.json(Map.of("vector", vector, "k", 5)));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("results")).hasSize(5);
    }

    @Test
    void withoutATokenIs401AndAUserIsRefusedTheAdminApi() {
        Api anonymous = new Api(port);
        for (Api.Response response : List.of(anonymous.get("/api/admin/indexes"), anonymous.post("/api/admin/indexes/builds", "{}"),
                anonymous.post("/api/admin/indexes/1/activate", null), anonymous.get("/api/admin/indexes/builds/b-1"),
                anonymous.post("/internal/search", "{\"vector\":" + api.json(new float[32]) + "}"))) {
            assertProblem(response, 401);
        }
        Api user = new Api(port, ServiceTestSupport.token("user"));
        for (Api.Response response : List.of(user.get("/api/admin/indexes"), user.post("/api/admin/indexes/builds", "{}"),
                user.post("/api/admin/indexes/1/activate", null), user.get("/api/admin/indexes/builds/b-1"))) {
            assertProblem(response, 403);
        }
        Api advisor = new Api(port, ServiceTestSupport.token("financial_advisor"));
        assertProblem(advisor.post("/api/admin/indexes/1/activate", null), 403);
        // /internal/search takes any valid token: a user's request gets past security to the controller's own checks.
        assertProblem(user.post("/internal/search", "{}"), 400);
        Api expired = new Api(port, ServiceTestSupport.TOKENS.builder(UUID.randomUUID().toString(), "old", "admin").expired().sign());
        assertProblem(expired.post("/internal/search", "{}"), 401);
        assertProblem(expired.get("/api/admin/indexes"), 401);
    }

    private static void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).as(String.valueOf(response.body())).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.requestId()).isNotBlank();
        assertThat(response.body().get("request_id").asString()).isEqualTo(response.requestId());
        assertThat(response.body().toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private JsonNode versionView(int version) {
        for (JsonNode view : api.get("/api/admin/indexes").body().get("versions")) {
            if (view.get("version").asInt() == version) {
                return view;
            }
        }
        throw new AssertionError("version " + version + " not listed");
    }

    private static TaskTopic newTopic() {
        try {
            return new TaskTopic("task-events-index-it");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
