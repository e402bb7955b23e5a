package dev.apfa.audit.streams;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import dev.apfa.audit.support.IsolatedInfra;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.metrics.v1.RequestMetric;
import dev.apfa.contracts.task.v1.BatchFailed;
import dev.apfa.messaging.EventPublisher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * task-events → {@code tasks} (full text over failure reasons) and metrics-stream → {@code metrics-*},
 * and a latency outlier after a steady baseline raising {@code apfa.audit.anomaly.detected}.
 */
@SpringBootTest
class StreamsIT {

    private static final IsolatedInfra INFRA = new IsolatedInfra();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        INFRA.register(registry);
        registry.add("apfa.audit.anomaly.metrics.warmup", () -> 30);
    }

    @AfterAll
    static void dropIndices() throws Exception {
        INFRA.cleanUp();
    }

    @Autowired
    EventPublisher publisher;

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    JdbcClient jdbc;

    @Test
    @SuppressWarnings({"rawtypes", "unchecked"})
    void failedBatchIsSearchableByItsReason() throws Exception {
        String batchId = "b-" + UUID.randomUUID();
        BatchFailed failed = new BatchFailed(batchId, "source table version 7 unreadable: checksum mismatch", 100, 40, 60);
        EventEnvelope<BatchFailed> event = EventEnvelope.create("embedding-service", "apfa.task.batch.failed", batchId, failed);
        publisher.publish(INFRA.tasksTopic, batchId, event).get(30, TimeUnit.SECONDS);

        SearchResponse<Map> hits = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            elasticsearch.indices().refresh(r -> r.index(INFRA.tasksIndex));
            return elasticsearch.search(s -> s.index(INFRA.tasksIndex)
                    .query(q -> q.match(m -> m.field("task.error").query("checksum mismatch"))), Map.class);
        }, r -> r.hits().hits().size() == 1);
        Map source = hits.hits().hits().get(0).source();
        assertThat(hits.hits().hits().get(0).id()).isEqualTo(event.id());
        Map<String, Object> task = (Map<String, Object>) source.get("task");
        assertThat(task).containsEntry("id", batchId).containsEntry("status", "FAILED").containsEntry("kind", "batch");
    }

    @Test
    void requestMetricsAreIndexedAndALatencyOutlierRaisesAnAnomaly() throws Exception {
        // Service names are lower-case letters and dashes (request-metric schema).
        String service = "svc-" + UUID.randomUUID().toString().substring(0, 8).replaceAll("[^a-f]", "x");
        List<CompletableFuture<?>> sends = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            sends.add(publish(service, 100 + (i % 5) * 4));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        publish(service, 2_000).get(30, TimeUnit.SECONDS);

        Map<String, Object> anomaly = await().atMost(Duration.ofSeconds(60)).until(() -> jdbc
                .sql("SELECT * FROM audit_logs WHERE action = 'anomaly.detected' AND resource_type = 'service' AND resource_id = ?")
                .param(service).query().listOfRows(), rows -> rows.size() == 1).get(0);
        assertThat(anomaly.get("details").toString()).contains("latency_zscore");
        long indexed = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            elasticsearch.indices().refresh(r -> r.index(INFRA.metricsPrefix + "-*"));
            return elasticsearch.count(c -> c.index(INFRA.metricsPrefix + "-*")
                    .query(q -> q.term(t -> t.field("service.name").value(service)))).count();
        }, n -> n == 41);
        assertThat(indexed).isEqualTo(41);
    }

    private CompletableFuture<?> publish(String service, double latencyMs) {
        RequestMetric metric = RequestMetric.of(service, "/api/advice", "POST", 200, latencyMs, UUID.randomUUID().toString());
        return publisher.publish(INFRA.metricsTopic, service,
                EventEnvelope.create("advice-service", "apfa.metrics.request", service, metric));
    }
}
