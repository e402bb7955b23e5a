package dev.apfa.embedding.batch;

import dev.apfa.contracts.EventValidator;
import dev.apfa.contracts.Topic;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.DocumentCodec;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.EmbeddingRow;
import dev.apfa.lakehouse.KnowledgeCorpus;
import dev.apfa.lakehouse.Lakehouse;
import dev.apfa.security.testing.TestTokens;
import dev.apfa.testkit.Infra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acceptance of the batch pipeline against real Kafka, PostgreSQL and Delta tables: a batch over the
 * shipped corpus yields one embedding per passage in the version named by the completion event,
 * with schema-valid task and progress events; a second batch re-embeds nothing; a document with
 * empty text is reported in the batch's errors and the batch still completes. The work topic and
 * consumer group are unique to this run, the Delta tables live in a temporary directory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BatchPipelineIT {

    private static final String JOBS = Infra.shared().uniqueName("embedding-jobs-it");
    private static final String METADATA = "embeddings-metadata-it-" + UUID.randomUUID().toString().substring(0, 8);
    private static final Path LAKE = tempDir();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<ConsumerRecord<String, String>> EVENTS = Collections.synchronizedList(new ArrayList<>());
    private static KafkaConsumer<String, String> eventConsumer;
    private static final TestTokens TOKENS = TestTokens.start();
    /** The admin who starts this class's batches: a random id, so no stored token version can apply to it. */
    private static final String ADMIN_ID = UUID.randomUUID().toString();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("apfa.embedding.jobs-topic", () -> JOBS);
        registry.add("spring.kafka.consumer.group-id", () -> JOBS);
        registry.add("apfa.lakehouse.root", LAKE::toString);
        registry.add("apfa.embedding.item-size", () -> "32");
        // Its own metadata index: the corpus ids are the running system's too.
        registry.add("apfa.embedding.metadata-index", () -> METADATA);
        TOKENS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void listenToPublicTopics() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, Infra.shared().uniqueName("batch-events-reader"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        eventConsumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        eventConsumer.subscribe(List.of(Topic.TASK_EVENTS.topicName(), Topic.BATCH_PROGRESS.topicName(), Topic.AUDIT_EVENTS.topicName()));
        // Wait for the assignment so that events of this test's batches are not missed.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            eventConsumer.poll(Duration.ofMillis(200));
            return !eventConsumer.assignment().isEmpty();
        });
    }

    @AfterAll
    static void close() throws Exception {
        eventConsumer.close();
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(Infra.shared().elasticsearchUrl() + "/" + METADATA))
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
    }

    @LocalServerPort
    int port;

    @Autowired
    Lakehouse lakehouse;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void batchOverTheCorpusEmbedsEveryPassageOnceAndAReRunReusesThem() throws Exception {
        List<Document> corpus = KnowledgeCorpus.load();
        HttpResponse<String> accepted = post("/api/admin/batches", "{\"source_table\":\"knowledge_base\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode started = JSON.readTree(accepted.body());
        String batchId = started.get("batch_id").asString();
        assertThat(started.get("source_version").asLong()).isZero();
        assertThat(accepted.headers().firstValue("Location")).contains("/api/admin/batches/" + batchId);

        JsonNode done = awaitStatus(batchId, "COMPLETED");
        assertThat(done.get("total").asLong()).isEqualTo(corpus.size());
        assertThat(done.get("processed").asLong()).isEqualTo(corpus.size());
        assertThat(done.get("failed").asLong()).isZero();
        long version = done.get("embeddings_version").asLong();

        List<EmbeddingRow> rows = rowsFor(version, "knowledge_base");
        assertThat(rows).extracting(EmbeddingRow::docId)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(corpus.stream().map(Document::id).toList());
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.vector()).hasSize(384);
            assertThat(norm(row.vector())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(row.batchId()).isEqualTo(batchId);
            assertThat(row.sourceVersion()).isZero();
        });

        List<JsonNode> events = awaitEvents(batchId, "apfa.task.batch.completed");
        assertThat(events).extracting(e -> e.get("type").asString())
                .contains("apfa.task.batch.queued", "apfa.task.batch.started", "apfa.batch.progress", "apfa.task.batch.completed");
        JsonNode completed = events.stream().filter(e -> e.get("type").asString().equals("apfa.task.batch.completed")).findFirst().orElseThrow();
        assertThat(completed.get("data").get("embeddings_version").asLong()).isEqualTo(version);
        assertThat(completed.get("data").get("processed").asLong()).isEqualTo(corpus.size());
        JsonNode audit = awaitAudit(batchId);
        assertThat(audit.get("type").asString()).isEqualTo("apfa.audit.batch.started");
        assertThat(audit.get("data").get("details").get("source_table").asString()).isEqualTo("knowledge_base");
        // The real admin from the token, not "unknown".
        assertThat(audit.get("data").get("actor").get("id").asString()).isEqualTo(ADMIN_ID);
        assertThat(audit.get("data").get("actor").get("username").asString()).isEqualTo("ada-admin");
        assertThat(audit.get("data").get("actor").get("roles").get(0).asString()).isEqualTo("admin");
        assertThat(audit.get("subject").asString()).isEqualTo(ADMIN_ID);
        assertThat(started.get("created_by").asString()).isEqualTo(ADMIN_ID);

        // Same source version again: nothing changed, nothing is re-embedded, the table still has one row per passage.
        String rerunId = JSON.readTree(post("/api/admin/batches", "{\"source_table\":\"knowledge_base\",\"version\":0}").body())
                .get("batch_id").asString();
        JsonNode rerun = awaitStatus(rerunId, "COMPLETED");
        assertThat(rerun.get("skipped").asLong()).isEqualTo(corpus.size());
        assertThat(rerun.get("processed").asLong()).isZero();
        List<EmbeddingRow> after = rowsFor(rerun.get("embeddings_version").asLong(), "knowledge_base");
        assertThat(after).extracting(EmbeddingRow::docId).doesNotHaveDuplicates().hasSize(corpus.size());
        assertThat(after).extracting(EmbeddingRow::batchId).containsOnly(batchId);
    }

    @Test
    void aDocumentWithEmptyTextIsReportedAndTheBatchStillCompletes() throws Exception {
        String tableName = "docs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        DeltaTable table = lakehouse.table(tableName);
        List<Document> docs = List.of(
                new Document("ok-1", "Fixed rates", "test", "test", "A fixed-rate mortgage keeps the same interest rate for the whole term."),
                new Document("empty-1", "Nothing here", "test", "test", "   "),
                new Document("ok-2", "Credit scores", "test", "test", "Paying on time is the largest factor in most credit scores."));
        table.commit(DocumentCodec.INSTANCE, List.of(table.writeDataFile(DocumentCodec.INSTANCE, docs, null, Map.of())), "test", null);

        String batchId = JSON.readTree(post("/api/admin/batches", "{\"source_table\":\"" + tableName + "\"}").body())
                .get("batch_id").asString();
        JsonNode done = awaitStatus(batchId, "COMPLETED");

        assertThat(done.get("processed").asLong()).isEqualTo(2);
        assertThat(done.get("failed").asLong()).isEqualTo(1);
        assertThat(done.get("errors").get(0).get("doc_id").asString()).isEqualTo("empty-1");
        assertThat(done.get("errors").get(0).get("message").asString()).contains("empty");
        assertThat(rowsFor(done.get("embeddings_version").asLong(), tableName)).extracting(EmbeddingRow::docId)
                .containsExactlyInAnyOrder("ok-1", "ok-2");
        JsonNode completed = awaitEvents(batchId, "apfa.task.batch.completed").stream()
                .filter(e -> e.get("type").asString().equals("apfa.task.batch.completed")).findFirst().orElseThrow();
        assertThat(completed.get("data").get("errors").get(0).get("doc_id").asString()).isEqualTo("empty-1");
    }

    @Test
    void badRequestsGetProblemDetailsWithTheRequestId() throws Exception {
        assertProblem(post("/api/admin/batches", "{\"source_table\":\"no_such_table\"}"), 404);
        assertProblem(post("/api/admin/batches", "{\"source_table\":\"../etc\"}"), 400);
        assertProblem(post("/api/admin/batches", "{\"source_table\":\"knowledge_base\",\"version\":99999}"), 422);
        assertProblem(post("/api/admin/batches", "{\"source_table\":\"knowledge_base\",\"version\":-1}"), 400);
        assertProblem(post("/api/admin/batches", "{\"source_table\":"), 400);
        assertProblem(post("/api/admin/batches", "{}"), 400);
        assertProblem(get("/api/admin/batches/" + UUID.randomUUID()), 404);
        assertProblem(get("/api/admin/batches/not-a-uuid"), 400);
        assertProblem(get("/api/admin/batches?limit=100000"), 400);
        assertThat(get("/api/admin/batches?limit=5").statusCode()).isEqualTo(200);
    }

    @Test
    void withoutATokenIs401AndBelowAdminIs403() throws Exception {
        for (HttpRequest.Builder request : List.of(request("/api/admin/batches").GET(),
                request("/api/admin/batches").POST(HttpRequest.BodyPublishers.ofString("{\"source_table\":\"knowledge_base\"}")))) {
            HttpResponse<String> anonymous = http.send(request.header("X-Request-Id", "req-batch-anon").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertProblem(anonymous, 401);
            assertThat(anonymous.body()).contains("\"request_id\":\"req-batch-anon\"");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        }
        for (String role : List.of("user", "financial_advisor")) {
            String token = TOKENS.token(UUID.randomUUID().toString(), role + "-it", role);
            HttpResponse<String> denied = http.send(request("/api/admin/batches").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"source_table\":\"knowledge_base\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertProblem(denied, 403);
            assertProblem(http.send(request("/api/admin/batches?limit=5").header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()), 403);
        }
        String superAdmin = TOKENS.token(UUID.randomUUID().toString(), "root-it", "super_admin");
        assertThat(http.send(request("/api/admin/batches?limit=5").header("Authorization", "Bearer " + superAdmin).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    /** Minted per call: test tokens live five minutes, a corpus batch plus its re-run may take longer. */
    private static String adminToken() {
        return TOKENS.token(ADMIN_ID, "ada-admin", "admin");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json");
    }

    private List<EmbeddingRow> rowsFor(long version, String sourceTable) {
        return lakehouse.table(Lakehouse.EMBEDDINGS).readAll(version, EmbeddingCodec.INSTANCE).stream()
                .filter(row -> row.sourceTable().equals(sourceTable)).toList();
    }

    private JsonNode awaitStatus(String batchId, String status) {
        return await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode batch = JSON.readTree(get("/api/admin/batches/" + batchId).body());
            assertThat(batch.get("status").asString()).isNotEqualTo("FAILED");
            return batch;
        }, batch -> status.equals(batch.get("status").asString()));
    }

    /** The public events of one batch (keyed by its id), each checked against its JSON Schema. */
    private static List<JsonNode> awaitEvents(String batchId, String untilType) {
        return await().atMost(Duration.ofMinutes(2)).until(() -> {
            eventConsumer.poll(Duration.ofMillis(300)).forEach(EVENTS::add);
            synchronized (EVENTS) {
                return EVENTS.stream().filter(r -> batchId.equals(r.key())).map(r -> {
                    assertThat(EventValidator.shared().validate(r.value())).as(r.value()).isEmpty();
                    return JSON.readTree(r.value());
                }).collect(Collectors.toList());
            }
        }, events -> events.stream().anyMatch(e -> untilType.equals(e.get("type").asString())));
    }

    /** The audit event of a batch start (keyed by actor, so found by its resource id), schema-checked. */
    private static JsonNode awaitAudit(String batchId) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> {
            eventConsumer.poll(Duration.ofMillis(300)).forEach(EVENTS::add);
            synchronized (EVENTS) {
                return EVENTS.stream().filter(r -> r.topic().equals(Topic.AUDIT_EVENTS.topicName()) && r.value().contains(batchId))
                        .peek(r -> assertThat(EventValidator.shared().validate(r.value())).as(r.value()).isEmpty())
                        .map(r -> JSON.readTree(r.value())).findFirst();
            }
        }, java.util.Optional::isPresent).orElseThrow();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"request_id\"").doesNotContain("Exception", "at dev.");
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + adminToken()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("apfa-lake-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<String> ids(List<Document> docs) {
        return docs.stream().map(Document::id).collect(Collectors.toSet());
    }
}
