package dev.apfa.audit.ingest;

import co.elastic.clients.util.BinaryData;
import co.elastic.clients.util.ContentType;
import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.audit.chain.AuditLog;
import dev.apfa.audit.elasticsearch.BulkIndexer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The Elasticsearch form of an audit entry: Elastic Common Schema field names, so Kibana's data
 * view works as is, in the monthly index of the event's time ({@code audit-logs-YYYY.MM}, UTC).
 * ECS knows only success/failure/unknown outcomes: {@code denied} becomes {@code failure} with
 * {@code event.type: denied}, and the exact APFA outcome stays in {@code apfa.outcome}. The document
 * is JSON bytes written here, once, and sent as they are in the bulk body.
 */
@Component
public class AuditDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    private final String indexPrefix;

    public AuditDocuments(@Value("${apfa.audit.elasticsearch.index-prefix:audit-logs}") String indexPrefix) {
        this.indexPrefix = indexPrefix;
    }

    public String indexOf(AuditEntry entry) {
        return indexPrefix + "-" + MONTH.format(entry.occurredAt());
    }

    public BulkIndexer.Document of(AuditEntry entry, AuditLog.Position position) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            write(json, entry, position);
        }
        return new BulkIndexer.Document(indexOf(entry), entry.eventId().toString(),
                BinaryData.of(bytes.toByteArray(), ContentType.APPLICATION_JSON));
    }

    /** Written field by field (no maps, no serializer look-ups): the bulk sends these bytes as they are. */
    private static void write(JsonGenerator json, AuditEntry entry, AuditLog.Position position) {
        json.writeStartObject();
        json.writeStringProperty("@timestamp", entry.occurredAt().toString());
        json.writeStringProperty("message", message(entry));
        json.writeName("ecs");
        json.writeStartObject();
        json.writeStringProperty("version", "8.11.0");
        json.writeEndObject();
        json.writeName("event");
        json.writeStartObject();
        json.writeStringProperty("id", entry.eventId().toString());
        json.writeStringProperty("kind", "event");
        json.writeName("category");
        json.writeStartArray();
        json.writeString(category(entry.action()));
        json.writeEndArray();
        json.writeName("type");
        json.writeStartArray();
        json.writeString("denied".equals(entry.outcome()) ? "denied" : "info");
        json.writeEndArray();
        json.writeStringProperty("action", entry.action());
        json.writeStringProperty("outcome", "success".equals(entry.outcome()) ? "success" : "failure");
        stringIfPresent(json, "reason", entry.reason());
        stringIfPresent(json, "provider", serviceOf(entry.source()));
        json.writeStringProperty("dataset", "apfa.audit");
        // When the event reached the index (after PostgreSQL committed): end-to-end lag = ingested - @timestamp.
        json.writeStringProperty("ingested", Instant.now().toString());
        json.writeEndObject();
        json.writeName("user");
        json.writeStartObject();
        stringIfPresent(json, "id", entry.actorId());
        stringIfPresent(json, "name", entry.actorUsername());
        json.writeName("roles");
        json.writeStartArray();
        if (entry.actorRoles() != null && !entry.actorRoles().isBlank()) {
            for (String role : entry.actorRoles().split(",")) {
                json.writeString(role);
            }
        }
        json.writeEndArray();
        json.writeEndObject();
        nested(json, "source", "ip", entry.sourceIp());
        if (entry.requestId() != null) {
            json.writeName("http");
            json.writeStartObject();
            nested(json, "request", "id", entry.requestId());
            json.writeEndObject();
        }
        // The trace PostgreSQL recorded, so a redelivery in another trace leaves the document as it was.
        nested(json, "trace", "id", position != null ? position.traceId() : entry.traceId());
        nested(json, "service", "name", serviceOf(entry.source()));
        nested(json, "user_agent", "original", entry.userAgent());
        json.writeName("resource");
        json.writeStartObject();
        stringIfPresent(json, "type", entry.resourceType());
        stringIfPresent(json, "id", entry.resourceId());
        json.writeEndObject();
        json.writeName("apfa");
        json.writeStartObject();
        json.writeStringProperty("event_type", entry.eventType());
        json.writeStringProperty("outcome", entry.outcome());
        if (position != null) {
            json.writeNumberProperty("chain", position.chain());
            json.writeNumberProperty("chain_seq", position.seq());
            json.writeStringProperty("hash", position.hash());
        }
        if (entry.details() != null && !entry.details().isEmpty()) {
            json.writePOJOProperty("details", entry.details());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String message(AuditEntry entry) {
        return entry.action() + " by " + entry.actorUsername() + " (" + entry.actorId() + ") on "
                + entry.resourceType() + "/" + entry.resourceId() + ": " + entry.outcome()
                + (entry.reason() == null ? "" : " — " + entry.reason());
    }

    /** ECS event.category: authentication for sign-in and token actions, iam for user management. */
    private static String category(String action) {
        if (action.startsWith("login.") || action.startsWith("token.") || action.startsWith("logout")
                || action.equals("account.locked")) {
            return "authentication";
        }
        if (action.startsWith("user.")) {
            return "iam";
        }
        return "configuration";
    }

    /** {@code /apfa/auth-service} → {@code auth-service}. */
    static String serviceOf(String source) {
        return source == null ? null : source.substring(source.lastIndexOf('/') + 1);
    }

    private static void stringIfPresent(JsonGenerator json, String name, String value) {
        if (value != null) {
            json.writeStringProperty(name, value);
        }
    }

    /** {@code "object": {"name": value}}, or nothing when the value is null. */
    private static void nested(JsonGenerator json, String object, String name, String value) {
        if (value != null) {
            json.writeName(object);
            json.writeStartObject();
            json.writeStringProperty(name, value);
            json.writeEndObject();
        }
    }
}
