package dev.apfa.audit.ingest;

import dev.apfa.audit.chain.AuditLog;
import dev.apfa.messaging.EventReader;
import dev.apfa.messaging.ReceivedEvent;
import dev.apfa.messaging.TraceContextAccessor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code audit-events} into the audit log. The chain of an entry is the record's
 * partition, so the order within a chain is the partition's order. The offset is committed only
 * after {@link AuditLog#append} committed its transaction; a redelivery appends nothing.
 */
@Component
class AuditEventListener {

    private final EventReader reader;
    private final AuditLog auditLog;
    private final TraceContextAccessor traces;

    AuditEventListener(EventReader reader, AuditLog auditLog, TraceContextAccessor traces) {
        this.reader = reader;
        this.auditLog = auditLog;
        this.traces = traces;
    }

    @KafkaListener(id = "audit-events", topics = "${apfa.audit.topic:audit-events}")
    void onAuditEvent(ConsumerRecord<String, String> record) {
        ReceivedEvent event = reader.read(record.value());
        String traceId = traces.currentTraceId().orElseGet(() -> traceIdOf(event.envelope().traceparent()));
        auditLog.append(record.partition(), AuditEntries.from(event, traceId));
    }

    private static String traceIdOf(String traceparent) {
        return traceparent == null ? null : traceparent.substring(3, 35);
    }
}
