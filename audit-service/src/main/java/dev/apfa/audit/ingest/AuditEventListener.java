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
    // PostgreSQL and Elasticsearch writes of different chains overlap instead of queueing. Polls of up
    // to 2,000 records (4 MB per partition): per-batch costs (transaction, advisory lock, bulk request)
    // are paid once per larger batch when there is a backlog; a quiet topic still yields at once.
    @KafkaListener(id = "audit-events", topics = "${apfa.audit.topic:audit-events}", batch = "true",
            concurrency = "${apfa.audit.concurrency:3}",
            properties = {"max.poll.records=${apfa.audit.max-poll-records:2000}",
                    "max.partition.fetch.bytes=${apfa.audit.max-partition-fetch-bytes:4194304}"})
    void onAuditEvents(List<ConsumerRecord<String, String>> records) {
        sink.write(records);
    }
}
