package dev.apfa.audit.chain;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One audit event as the system of record keeps it: everything the hash covers, and nothing that
 * a password or token could hide in (the contract forbids those fields upstream).
 */
public record AuditEntry(
        UUID eventId,
        String eventType,
        Instant occurredAt,
        String source,
        String actorId,
        String actorUsername,
        String actorRoles,
        String action,
        String resourceType,
        String resourceId,
        String outcome,
        String sourceIp,
        String requestId,
        String userAgent,
        String reason,
        String traceId,
        Map<String, Object> details) {
}
