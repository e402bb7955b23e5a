package dev.apfa.audit.ingest;

import dev.apfa.audit.anomaly.FailedLoginDetector;
import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.audit.chain.AuditLog;
import dev.apfa.audit.elasticsearch.BulkIndexer;
import dev.apfa.audit.elasticsearch.RejectedRecords;
import dev.apfa.messaging.EventReader;
import dev.apfa.messaging.PoisonEventException;
import dev.apfa.messaging.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a poll batch of audit events to PostgreSQL first (the system of record, one transaction
 * per chain) and then to Elasticsearch (bulk, {@code _id} = event id). Both writes are idempotent,
 * so a batch interrupted anywhere is simply written again. A poison record stops the batch at its
 * position: the records before it are written, and the error handler dead-letters it and
 * redelivers the rest. A document Elasticsearch refuses for good (mapping error) is kept in
 * PostgreSQL and dead-lettered with the reason.
 */
@Service
public class AuditSink {

    private final EventReader reader;
    private final AuditLog auditLog;
    private final BulkIndexer indexer;
    private final AuditDocuments documents;
    private final RejectedRecords rejectedRecords;
    private final FailedLoginDetector failedLogins;
    private final int chainOffset;
    private final SinkStages stages;

    AuditSink(SinkStages stages, EventReader reader, AuditLog auditLog, BulkIndexer indexer, AuditDocuments documents,
              RejectedRecords rejectedRecords, FailedLoginDetector failedLogins,
              @Value("${apfa.audit.chain-offset:0}") int chainOffset) {
        this.reader = reader;
        this.auditLog = auditLog;
        this.indexer = indexer;
        this.documents = documents;
        this.rejectedRecords = rejectedRecords;
        this.failedLogins = failedLogins;
        this.chainOffset = chainOffset;
        this.stages = stages;
    }

    public void write(List<ConsumerRecord<String, String>> records) {
        long start = System.nanoTime();
        // Schema validation is the costliest step per record and independent between records, so it
        // runs in parallel; the results keep the batch's order, and a poison record still ends the
        // batch at its own position.
        List<Object> parsed = records.parallelStream().map(this::parse).toList();
        stages.record("read", start);
        List<Received> received = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (parsed.get(i) instanceof PoisonEventException poison) {
                store(received);
                throw new BatchListenerFailedException(poison.getMessage(), poison, records.get(i));
            }
            received.add(new Received(records.get(i), (AuditEntry) parsed.get(i)));
        }
        store(received);
    }

    /** @return the entry, or the {@link PoisonEventException} that says why there is none */
    private Object parse(ConsumerRecord<String, String> record) {
        try {
            return entryOf(record);
        } catch (PoisonEventException poison) {
            return poison;
        }
    }

    private void store(List<Received> received) {
        if (received.isEmpty()) {
            return;
        }
        Map<Integer, List<AuditEntry>> byChain = new LinkedHashMap<>();
        received.forEach(r -> byChain.computeIfAbsent(chainOffset + r.record().partition(), c -> new ArrayList<>()).add(r.entry()));
        long start = System.nanoTime();
        Map<String, AuditLog.Position> positions = new HashMap<>();
        byChain.forEach((chain, entries) -> auditLog.appendAll(chain, entries).forEach(link -> positions.put(
                link.entry().eventId().toString(), new AuditLog.Position(link.entry().eventId().toString(), link.chain(),
                        link.seq(), link.hash(), link.entry().traceId()))));
        // Events recorded by an earlier delivery: index them as PostgreSQL has them.
        List<java.util.UUID> recordedBefore = received.stream().map(r -> r.entry().eventId())
                .filter(id -> !positions.containsKey(id.toString())).toList();
        if (!recordedBefore.isEmpty()) {
            positions.putAll(auditLog.positions(recordedBefore));
        }
        stages.record("postgresql", start);
        start = System.nanoTime();
        Map<String, ConsumerRecord<String, String>> recordById = new HashMap<>();
        List<BulkIndexer.Document> docs = new ArrayList<>();
        for (Received r : received) {
            String id = r.entry().eventId().toString();
            if (recordById.putIfAbsent(id, r.record()) == null) {
                docs.add(documents.of(r.entry(), positions.get(id)));
            }
        }
        for (BulkIndexer.Rejection rejection : indexer.index(docs)) {
            rejectedRecords.deadLetter(recordById.get(rejection.document().id()), rejection.reason());
        }
        stages.record("elasticsearch", start);
        failedLogins.observe(received.stream().map(Received::entry).toList());
    }

    private AuditEntry entryOf(ConsumerRecord<String, String> record) {
        ReceivedEvent event = reader.read(record.value());
        return AuditEntries.from(event, event.traceId());
    }

    private record Received(ConsumerRecord<String, String> record, AuditEntry entry) {
    }
}
