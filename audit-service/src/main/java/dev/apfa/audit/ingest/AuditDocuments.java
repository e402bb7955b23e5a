package dev.apfa.audit.ingest;

import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.audit.chain.AuditLog;
import dev.apfa.audit.elasticsearch.BulkIndexer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Elasticsearch form of an audit entry: Elastic Common Schema field names, so Kibana's data
 * view works as is, in the monthly index of the event's time ({@code audit-logs-YYYY.MM}, UTC).
 * ECS knows only success/failure/unknown outcomes: {@code denied} becomes {@code failure} with
 * {@code event.type: denied}, and the exact APFA outcome stays in {@code apfa.outcome}.
 */
@Component
public class AuditDocuments {

    static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM").withZone(ZoneOffset.UTC);

    private final String indexPrefix;

    public AuditDocuments(@Value("${apfa.audit.elasticsearch.index-prefix:audit-logs}") String indexPrefix) {
        this.indexPrefix = indexPrefix;
    }

    public String indexOf(AuditEntry entry) {
        return indexPrefix + "-" + MONTH.format(entry.occurredAt());
    }

    public BulkIndexer.Document of(AuditEntry entry, AuditLog.Position position) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", entry.occurredAt().toString());
        doc.put("message", message(entry));
        doc.put("ecs", Map.of("version", "8.11.0"));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", entry.eventId().toString());
        event.put("kind", "event");
        event.put("category", category(entry.action()));
        event.put("type", List.of("denied".equals(entry.outcome()) ? "denied" : "info"));
        event.put("action", entry.action());
        event.put("outcome", "success".equals(entry.outcome()) ? "success" : "failure");
        putIfPresent(event, "reason", entry.reason());
        event.put("provider", serviceOf(entry.source()));
        event.put("dataset", "apfa.audit");
        // When the event reached the index (after PostgreSQL committed): end-to-end lag = ingested - @timestamp.
        event.put("ingested", Instant.now().toString());
        doc.put("event", event);
        Map<String, Object> user = new LinkedHashMap<>();
        putIfPresent(user, "id", entry.actorId());
        putIfPresent(user, "name", entry.actorUsername());
        user.put("roles", roles(entry.actorRoles()));
        doc.put("user", user);
        if (entry.sourceIp() != null) {
            doc.put("source", Map.of("ip", entry.sourceIp()));
        }
        if (entry.requestId() != null) {
            doc.put("http", Map.of("request", Map.of("id", entry.requestId())));
        }
        // The trace PostgreSQL recorded, so a redelivery in another trace leaves the document as it was.
        String traceId = position != null ? position.traceId() : entry.traceId();
        if (traceId != null) {
            doc.put("trace", Map.of("id", traceId));
        }
        doc.put("service", Map.of("name", serviceOf(entry.source())));
        if (entry.userAgent() != null) {
            doc.put("user_agent", Map.of("original", entry.userAgent()));
        }
        Map<String, Object> resource = new LinkedHashMap<>();
        putIfPresent(resource, "type", entry.resourceType());
        putIfPresent(resource, "id", entry.resourceId());
        doc.put("resource", resource);
        Map<String, Object> apfa = new LinkedHashMap<>();
        apfa.put("event_type", entry.eventType());
        apfa.put("outcome", entry.outcome());
        if (position != null) {
            apfa.put("chain", position.chain());
            apfa.put("chain_seq", position.seq());
            apfa.put("hash", position.hash());
        }
        if (entry.details() != null && !entry.details().isEmpty()) {
            apfa.put("details", entry.details());
        }
        doc.put("apfa", apfa);
        return new BulkIndexer.Document(indexOf(entry), entry.eventId().toString(), doc);
    }

    private static String message(AuditEntry entry) {
        return entry.action() + " by " + entry.actorUsername() + " (" + entry.actorId() + ") on "
                + entry.resourceType() + "/" + entry.resourceId() + ": " + entry.outcome()
                + (entry.reason() == null ? "" : " — " + entry.reason());
    }

    /** ECS event.category: authentication for sign-in and token actions, iam for user management. */
    private static List<String> category(String action) {
        if (action.startsWith("login.") || action.startsWith("token.") || action.startsWith("logout")
                || action.equals("account.locked")) {
            return List.of("authentication");
        }
        if (action.startsWith("user.")) {
            return List.of("iam");
        }
        return List.of("configuration");
    }

    /** {@code /apfa/auth-service} → {@code auth-service}. */
    static String serviceOf(String source) {
        return source == null ? null : source.substring(source.lastIndexOf('/') + 1);
    }

    private static List<String> roles(String roles) {
        return roles == null || roles.isBlank() ? List.of() : Arrays.asList(roles.split(","));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
