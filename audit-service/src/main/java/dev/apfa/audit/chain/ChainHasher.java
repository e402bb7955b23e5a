package dev.apfa.audit.chain;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hash of a chain link: SHA-256 over the previous link's hash and a canonical JSON form of the
 * entry (fixed field order, map keys sorted, instants in RFC 3339). Verification recomputes exactly
 * this, so the canonical form must never change for existing rows; a new form needs a new version.
 */
public final class ChainHasher {

    /** The {@code prev_hash} of the first link of every chain. */
    public static final String GENESIS = "0".repeat(64);

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    private ChainHasher() {
    }

    public static String hash(String previousHash, AuditEntry entry) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update(canonical(entry).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String canonical(AuditEntry entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event_id", entry.eventId().toString());
        fields.put("event_type", entry.eventType());
        fields.put("occurred_at", entry.occurredAt().toString());
        fields.put("source", entry.source());
        fields.put("actor_id", entry.actorId());
        fields.put("actor_username", entry.actorUsername());
        fields.put("actor_roles", entry.actorRoles());
        fields.put("action", entry.action());
        fields.put("resource_type", entry.resourceType());
        fields.put("resource_id", entry.resourceId());
        fields.put("outcome", entry.outcome());
        fields.put("source_ip", entry.sourceIp());
        fields.put("request_id", entry.requestId());
        fields.put("user_agent", entry.userAgent());
        fields.put("reason", entry.reason());
        fields.put("trace_id", entry.traceId());
        fields.put("details", entry.details());
        return CANONICAL.writeValueAsString(fields);
    }
}
