package dev.apfa.contracts;

import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
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

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of every APFA event type (names {@code apfa.<area>.<what>}). A type that is not
 * here is not part of the contract: {@link EventValidator} rejects it and consumers dead-letter it.
 * Audit types are not listed as constants; they come from {@link AuditAction#eventType()}.
 */
public final class EventTypes {

    // task-events
    public static final String BATCH_QUEUED = "apfa.task.batch.queued";
    public static final String BATCH_STARTED = "apfa.task.batch.started";
    public static final String BATCH_COMPLETED = "apfa.task.batch.completed";
    public static final String BATCH_FAILED = "apfa.task.batch.failed";
    public static final String INDEX_BUILD_STARTED = "apfa.task.index.build.started";
    public static final String INDEX_BUILD_PUBLISHED = "apfa.task.index.build.published";
    public static final String INDEX_ACTIVATED = "apfa.task.index.activated";
    public static final String INDEX_BUILD_FAILED = "apfa.task.index.build.failed";
    // batch-progress
    public static final String BATCH_PROGRESS = "apfa.batch.progress";
    // metrics-stream
    public static final String METRICS_REQUEST = "apfa.metrics.request";
    public static final String METRICS_SNAPSHOT = "apfa.metrics.snapshot";

    /** The CloudEvents envelope schema every event is checked against first. */
    public static final String ENVELOPE_SCHEMA_NAME = "cloudevent";
    public static final int ENVELOPE_SCHEMA_VERSION = 1;

    private static final Map<String, EventType> BY_TYPE = register();

    private EventTypes() {
    }

    private static Map<String, EventType> register() {
        Map<String, EventType> types = new LinkedHashMap<>();
        add(types, BATCH_QUEUED, Topic.TASK_EVENTS, "batch-queued", BatchQueued.class);
        add(types, BATCH_STARTED, Topic.TASK_EVENTS, "batch-started", BatchStarted.class);
        add(types, BATCH_COMPLETED, Topic.TASK_EVENTS, "batch-completed", BatchCompleted.class);
        add(types, BATCH_FAILED, Topic.TASK_EVENTS, "batch-failed", BatchFailed.class);
        add(types, INDEX_BUILD_STARTED, Topic.TASK_EVENTS, "index-build-started", IndexBuildStarted.class);
        add(types, INDEX_BUILD_PUBLISHED, Topic.TASK_EVENTS, "index-build-published", IndexBuildPublished.class);
        add(types, INDEX_ACTIVATED, Topic.TASK_EVENTS, "index-activated", IndexActivated.class);
        add(types, INDEX_BUILD_FAILED, Topic.TASK_EVENTS, "index-build-failed", IndexBuildFailed.class);
        add(types, BATCH_PROGRESS, Topic.BATCH_PROGRESS, "batch-progress", BatchProgress.class);
        // One shared schema for the audit family: the payload shape is identical by design (one
        // audit_logs table, one ES mapping); the action/type agreement is checked by EventValidator.
        for (AuditAction action : AuditAction.values()) {
            add(types, action.eventType(), Topic.AUDIT_EVENTS, "audit-event", AuditEvent.class);
        }
        add(types, METRICS_REQUEST, Topic.METRICS_STREAM, "request-metric", RequestMetric.class);
        add(types, METRICS_SNAPSHOT, Topic.METRICS_STREAM, "metrics-snapshot", MetricsSnapshot.class);
        return Collections.unmodifiableMap(types);
    }

    private static void add(Map<String, EventType> types, String type, Topic topic, String schema, Class<?> payload) {
        if (types.put(type, new EventType(type, topic, schema, 1, payload)) != null) {
            throw new IllegalStateException("event type registered twice: " + type);
        }
    }

    /** Every registered type, in catalogue order. */
    public static Collection<EventType> all() {
        return BY_TYPE.values();
    }

    public static List<EventType> onTopic(Topic topic) {
        return BY_TYPE.values().stream().filter(t -> t.topic() == topic).toList();
    }

    public static Optional<EventType> find(String type) {
        return Optional.ofNullable(type).map(BY_TYPE::get);
    }

    public static boolean isKnown(String type) {
        return find(type).isPresent();
    }

    /** The registered type, or IllegalArgumentException for a type that is not part of the contract. */
    public static EventType of(String type) {
        return find(type).orElseThrow(() -> new IllegalArgumentException("unknown event type '" + type + "'"));
    }

    /** The CloudEvents {@code dataschema} URI of the type, e.g. {@code urn:apfa:schema:audit-event:v1}. */
    public static String dataSchemaOf(String type) {
        return of(type).dataSchema();
    }

    public static Topic topicOf(String type) {
        return of(type).topic();
    }

    public static String envelopeSchemaUrn() {
        return EventType.schemaUrn(ENVELOPE_SCHEMA_NAME, ENVELOPE_SCHEMA_VERSION);
    }
}
