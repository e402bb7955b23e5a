package dev.apfa.contracts;

import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.AuditEvent.Actor;
import dev.apfa.contracts.audit.v1.AuditEvent.Resource;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.contracts.metrics.v1.MetricsSnapshot;
import dev.apfa.contracts.metrics.v1.RequestMetric;
import dev.apfa.contracts.progress.v1.BatchProgress;
import dev.apfa.contracts.task.v1.BatchCompleted;
import dev.apfa.contracts.task.v1.BatchFailed;
import dev.apfa.contracts.task.v1.BatchQueued;
import dev.apfa.contracts.task.v1.BatchStarted;
import dev.apfa.contracts.task.v1.IndexActivated;
import dev.apfa.contracts.task.v1.IndexBuildFailed;
import dev.apfa.contracts.task.v1.IndexBuildPublished;
import dev.apfa.contracts.task.v1.IndexBuildStarted;
import dev.apfa.contracts.task.v1.IndexType;

import java.util.List;
import java.util.Map;

/** A payload record for every registered type, built the way a producer would build it. */
final class PayloadFixtures {

    static final String BATCH = "b-0c5d6e7f";
    static final String BUILD = "build-8a9b0c1d";
    static final String ADMIN = "3f2e1d0c-9b8a-4765-8432-10fedcba9876";

    private PayloadFixtures() {
    }

    /** The payloads for a type: more than one where a record has optional parts worth checking. */
    static List<Object> forType(String type) {
        if (type.startsWith(AuditAction.TYPE_PREFIX)) {
            return List.of(audit(AuditAction.ofAction(type.substring(AuditAction.TYPE_PREFIX.length()))));
        }
        return switch (type) {
            case EventTypes.BATCH_QUEUED -> List.of(
                    new BatchQueued(BATCH, "knowledge_base", 3, 612, 7, "all-MiniLM-L6-v2", ADMIN));
            case EventTypes.BATCH_STARTED -> List.of(new BatchStarted(BATCH, "knowledge_base", 3, 612));
            case EventTypes.BATCH_COMPLETED -> List.of(
                    new BatchCompleted(BATCH, "knowledge_base", 3, "embeddings", 5, "all-MiniLM-L6-v2",
                            612, 611, 0, 1, 4210, 145.1,
                            List.of(new BatchCompleted.DocumentError("kb-0418", "empty text"))),
                    new BatchCompleted(BATCH, "knowledge_base", 4, "embeddings", 6, "all-MiniLM-L6-v2",
                            612, 12, 600, 0, 380, 31.6, null));
            case EventTypes.BATCH_FAILED -> List.of(new BatchFailed(BATCH, "worker pool shut down", 612, 128, 0));
            case EventTypes.INDEX_BUILD_STARTED -> List.of(
                    new IndexBuildStarted(BUILD, "knowledge", IndexType.FLAT_IP, "embeddings", 5, 611, BATCH, null),
                    new IndexBuildStarted(BUILD, "knowledge", IndexType.IVF_FLAT, "embeddings", 5, 600_000, null, ADMIN));
            case EventTypes.INDEX_BUILD_PUBLISHED -> List.of(
                    new IndexBuildPublished(BUILD, "knowledge", 4, IndexType.FLAT_IP, 611, 384,
                            IndexBuildPublished.METRIC_INNER_PRODUCT, 1.0, null, null, "embeddings", 5,
                            "all-MiniLM-L6-v2", "file:///tmp/apfa/indexes/knowledge/v4/", 95),
                    new IndexBuildPublished(BUILD, "knowledge", 5, IndexType.IVF_FLAT, 600_000, 384,
                            IndexBuildPublished.METRIC_INNER_PRODUCT, 0.981, 3098, 32, "embeddings", 7,
                            "all-MiniLM-L6-v2", "s3://apfa-artifacts/indexes/knowledge/v5/", 120_400));
            case EventTypes.INDEX_ACTIVATED -> List.of(
                    new IndexActivated("knowledge", 4, 3, false, ADMIN),
                    new IndexActivated("knowledge", 1, null, false, "index-service"),
                    new IndexActivated("knowledge", 3, 4, true, ADMIN));
            case EventTypes.INDEX_BUILD_FAILED -> List.of(
                    IndexBuildFailed.recallTooLow(BUILD, "knowledge", 0.912, 0.95),
                    IndexBuildFailed.of(BUILD, "knowledge", IndexBuildFailed.FailureCode.SOURCE_UNAVAILABLE,
                            "embeddings version 9 does not exist"));
            case EventTypes.BATCH_PROGRESS -> List.of(
                    BatchProgress.of(BATCH, 320, 1, 612, 143.9),
                    BatchProgress.of(BATCH, 0, 0, 612, 0));
            case EventTypes.METRICS_REQUEST -> List.of(
                    RequestMetric.of("gateway", "/api/auth/login", "POST", 401, 12.5, "req-1"),
                    new RequestMetric("advice-service", "/api/advice", "POST", 200, 840.2, "req-2", true, ADMIN,
                            null, Map.of("embed", 7.9, "retrieve", 2.1)));
            case EventTypes.METRICS_SNAPSHOT -> List.of(new MetricsSnapshot("index-service", "index-service-0", 15,
                    Map.of("jvm.memory.used", 1.8e8, "index_ntotal", 611.0), Map.of("searches_total", 10_482.0)));
            default -> throw new IllegalStateException("no fixture for " + type + ": add one to PayloadFixtures");
        };
    }

    private static AuditEvent audit(AuditAction action) {
        if (action == AuditAction.ANOMALY_DETECTED) {
            return AuditEvent.of(action, Actor.system("audit-service"), new Resource("service", "advice-service"),
                            Outcome.SUCCESS, null, "6a1f0b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b")
                    .withReason("p95 latency z-score 4.2")
                    .withDetails(Map.of("metric", "latency_ms", "zscore", 4.2));
        }
        return AuditEvent.of(action, new Actor(ADMIN, "ops.admin", List.of("admin")), new Resource("user", ADMIN),
                        Outcome.SUCCESS, "2001:db8::17", "req-77f0")
                .withUserAgent("curl/8.5.0")
                .withDetails(Map.of("sessions_revoked", 2, "cached", false));
    }
}
