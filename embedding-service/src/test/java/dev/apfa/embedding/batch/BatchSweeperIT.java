package dev.apfa.embedding.batch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import dev.apfa.embedding.model.OnnxEmbedder;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.DocumentCodec;
import dev.apfa.contracts.Topic;
import dev.apfa.lakehouse.Lakehouse;
import dev.apfa.messaging.outbox.OutboxRelay;
import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import dev.apfa.security.testing.TestTokens;
import dev.apfa.testkit.Infra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #9 gaps against real Kafka, PostgreSQL, Delta and Elasticsearch: the sweeper moves on
 * batches whose PLAN or FINALIZE was lost (dead-lettered) and fails one that never progresses;
 * a completed batch writes one {@code embeddings-metadata} document per embedded document, and a
 * re-run overwrites instead of duplicating; {@code batch.started} waits in the outbox with its batch row
 * until a relay sends it. Runs in its own PostgreSQL schema (the sweeper looks at every batch of its schema,
 * a relay at every row of its outbox), work topic, audit topic, Delta directory and metadata index.
 */
@SpringBootTest
class BatchSweeperIT {

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final String SCHEMA = "embedding_it_" + RUN;
    private static final String JOBS = Infra.shared().uniqueName("embedding-jobs-sweeper-it");
    private static final String METADATA = "embeddings-metadata-it-" + RUN;
    private static final String AUDIT = Infra.shared().uniqueName("audit-events-embedding-it");
    private static final CurrentUser ADMIN = new CurrentUser(UUID.randomUUID().toString(), "sweeper-it", Set.of(Role.ADMIN));
    private static final Path LAKE = tempDir();
    private static final TestTokens TOKENS = TestTokens.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Infra.shared().springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.default-schema", () -> SCHEMA);
        registry.add("spring.datasource.hikari.schema", () -> SCHEMA);
        registry.add("apfa.embedding.jobs-topic", () -> JOBS);
        registry.add("spring.kafka.consumer.group-id", () -> JOBS);
        registry.add("apfa.lakehouse.root", LAKE::toString);
        registry.add("apfa.lakehouse.seed-knowledge-base", () -> "false");
        registry.add("apfa.embedding.metadata-index", () -> METADATA);
        registry.add("apfa.messaging.audit-topic", () -> AUDIT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(AUDIT, Topic.AUDIT_EVENTS.partitions(), (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + AUDIT, e);
        }
        // Sweeps are run by the test; stalled means two seconds without progress here.
        registry.add("apfa.embedding.sweep-interval", () -> "1h");
        registry.add("apfa.embedding.stale-after", () -> "2s");
        registry.add("apfa.embedding.recovery-attempts", () -> "2");
        TOKENS.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Autowired
    BatchRepository batches;
    @Autowired
    BatchSweeper sweeper;
    @Autowired
    BatchService service;
    @Autowired
    Lakehouse lakehouse;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ElasticsearchClient elasticsearch;
    @Autowired
    OutboxRelay relay;

    String table(String... ids) {
        String name = "sweep_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        DeltaTable table = lakehouse.table(name);
        List<Document> docs = java.util.Arrays.stream(ids).map(id -> new Document(id, "Title " + id, "test", "test",
                "A fixed-rate mortgage keeps the same interest rate for the whole term, document " + id + ".")).toList();
        table.commit(DocumentCodec.INSTANCE, List.of(table.writeDataFile(DocumentCodec.INSTANCE, docs, null, Map.of())), "test", null);
        return name;
    }

    /** A batch recorded as if started, whose PLAN job never arrives (as when it went to the DLT). */
    UUID batchWithLostPlan(String table) {
        UUID id = UUID.randomUUID();
        batches.insert(id, table, 0, OnnxEmbedder.MODEL, "sweeper-it");
        return id;
    }

    /** Sweeps until the batch is picked up (once it has been quiet for stale-after). */
    void sweepUntilClaimed(UUID id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> sweeper.sweep().stream().anyMatch(s -> s.batch().id().equals(id)));
    }

    Batch awaitStatus(UUID id, String status) {
        return await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(300))
                .until(() -> batches.find(id).orElseThrow(), b -> status.equals(b.status()));
    }

    long metadataCount(String field, String value) throws IOException {
        elasticsearch.indices().refresh(r -> r.index(METADATA));
        return elasticsearch.count(c -> c.index(METADATA).query(q -> q.term(t -> t.field(field).value(value)))).count();
    }

    @Test
    void aBatchWhosePlanWasLostIsPlannedAgainAndItsMetadataIndexedOnce() throws IOException {
        String table = table("a-1", "a-2", "a-3");
        UUID id = batchWithLostPlan(table);
        assertThat(sweeper.sweep()).as("not stalled yet").noneMatch(s -> s.batch().id().equals(id));

        sweepUntilClaimed(id);
        Batch done = awaitStatus(id, Batch.COMPLETED);
        assertThat(done.processed()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> metadataCount("batch_id", id.toString()) == 3);
        GetResponse<Map> doc = elasticsearch.get(g -> g.index(METADATA).id("a-2@" + OnnxEmbedder.MODEL), Map.class);
        assertThat(doc.found()).isTrue();
        assertThat(doc.source()).containsEntry("doc_id", "a-2").containsEntry("model", OnnxEmbedder.MODEL)
                .containsEntry("source_table", table).containsEntry("batch_id", id.toString())
                .containsKeys("content_hash", "created_at", "source_version", "embeddings_version");

        // A second batch over the same version re-embeds nothing and duplicates nothing.
        Batch rerun = awaitStatus(service.start(table, 0L, new BatchAudit.Origin(ADMIN, "127.0.0.1", "req-sweeper-it")).id(), Batch.COMPLETED);
        assertThat(rerun.skipped()).isEqualTo(3);
        assertThat(metadataCount("source_table", table)).isEqualTo(3);
        assertThat(metadataCount("batch_id", id.toString())).isEqualTo(3);
    }

    @Test
    void aBatchWhoseFinalizeWasLostIsFinalizedAgain() {
        String table = table("f-1", "f-2");
        UUID id = batchWithLostPlan(table);
        // Planned with nothing to embed (every document unchanged): only FINALIZE was left, and it was lost.
        assertThat(batches.markPlanned(id, 2, 2, 0)).isTrue();

        sweepUntilClaimed(id);
        Batch done = awaitStatus(id, Batch.COMPLETED);
        assertThat(done.processed()).as("FINALIZE, not a new PLAN that would embed the documents").isZero();
        assertThat(done.outputVersion()).isNotNull();
    }

    @Test
    void aBatchThatNeverProgressesFailsWithTheReason() {
        UUID id = batchWithLostPlan("no_such_table_" + RUN);
        // Two recovery attempts already spent without progress.
        jdbc.sql("UPDATE batches SET recovery_attempts = 2 WHERE id = ?").param(id).update();

        sweepUntilClaimed(id);
        Batch failed = awaitStatus(id, Batch.FAILED);
        assertThat(failed.error()).contains("No progress", "dead-lettered");
    }

    @Test
    void batchStartedWaitsInTheOutboxWithItsBatchRowUntilARelaySendsIt() {
        relay.stop();
        UUID id;
        try {
            id = service.start(table("o-1"), 0L, new BatchAudit.Origin(ADMIN, "192.0.2.7", "req-outbox-it")).id();
            assertThat(batches.find(id)).get().extracting(Batch::createdBy).isEqualTo(ADMIN.id());
            List<String> waiting = jdbc.sql("SELECT payload FROM event_outbox WHERE payload LIKE ?").param("%" + id + "%")
                    .query(String.class).list();
            assertThat(waiting).singleElement().satisfies(payload -> assertThat(payload)
                    .contains("apfa.audit.batch.started", ADMIN.id(), "192.0.2.7", "req-outbox-it"));
        } finally {
            relay.start();
        }
        UUID started = id;
        List<String> published = new ArrayList<>();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, AUDIT + "-reader");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(AUDIT));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> published.add(r.value()));
                assertThat(published).anyMatch(value -> value.contains("apfa.audit.batch.started") && value.contains(started.toString()));
            });
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("SELECT count(*) FROM event_outbox WHERE payload LIKE ?")
                .param("%" + started + "%").query(Long.class).single()).isZero());
    }

    @AfterAll
    static void dropRunData() throws Exception {
        Infra infra = Infra.shared();
        try (Connection connection = DriverManager.getConnection(infra.postgresJdbcUrl(), infra.postgresUsername(),
                infra.postgresPassword() == null ? "" : infra.postgresPassword())) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(infra.elasticsearchUrl() + "/" + METADATA)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("apfa-lake-sweeper-it");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
