package dev.apfa.audit.ingest;

import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.messaging.ReceivedEvent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/** Maps a received {@code apfa.audit.*} event to the entry the audit log keeps. */
public final class AuditEntries {

    private AuditEntries() {
    }

    /**
     * An event read with its payload typed ({@code EventReader.read(value, AuditEvent.class)}). Its trace id is
     * the one it travelled in: the consumer's span continues the producer's trace through the traceparent.
     */
    public static AuditEntry from(EventEnvelope<AuditEvent> event) {
        String traceId = ReceivedEvent.traceIdOf(event);
        AuditEvent audit = event.data();
        // PostgreSQL keeps microseconds: truncate first so the hash verifies after a round trip.
        Instant occurredAt = event.time().truncatedTo(ChronoUnit.MICROS);
        return new AuditEntry(
                UUID.fromString(event.id()),
                event.type(),
                occurredAt,
                event.source(),
                audit.actor().id(),
                audit.actor().username(),
                String.join(",", audit.actor().roles()),
                audit.action(),
                audit.resource().type(),
                audit.resource().id(),
                audit.outcome().name().toLowerCase(Locale.ROOT),
                audit.sourceIp(),
                audit.requestId(),
                audit.userAgent(),
                audit.reason(),
                traceId,
                audit.details());
    }
}
