package dev.apfa.audit.ingest;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Consumes {@code audit-events} a poll batch at a time into both sinks ({@link AuditSink}). The
 * container commits the batch's offsets only after this method returned, i.e. after PostgreSQL
 * committed and Elasticsearch acknowledged every document; a redelivery changes nothing.
 */
@Component
class AuditEventListener {

    private final AuditSink sink;

    AuditEventListener(AuditSink sink) {
        this.sink = sink;
    }

    // One consumer thread per partition (3 on audit-events): each chain has its own writer, so the
    // PostgreSQL and Elasticsearch writes of different chains overlap instead of queueing.
    @KafkaListener(id = "audit-events", topics = "${apfa.audit.topic:audit-events}", batch = "true",
            concurrency = "${apfa.audit.concurrency:3}")
    void onAuditEvents(List<ConsumerRecord<String, String>> records) {
        sink.write(records);
    }
}
