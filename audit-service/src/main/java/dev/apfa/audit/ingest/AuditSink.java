package dev.apfa.audit.ingest;

import dev.apfa.audit.anomaly.FailedLoginDetector;
import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.audit.chain.AuditLog;
import dev.apfa.audit.elasticsearch.BulkIndexer;
import dev.apfa.audit.elasticsearch.ElasticsearchUnavailableException;
import dev.apfa.audit.elasticsearch.RejectedRecords;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.messaging.EventReader;
import dev.apfa.messaging.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes a poll batch of audit events to PostgreSQL (the system of record, one transaction per
 * chain) and Elasticsearch (bulk, {@code _id} = event id) at the same time: the chain positions
 * are computed (or, for events an earlier delivery recorded, read) before the insert, so the bulk
 * runs while PostgreSQL inserts and commits. The method returns — and the container commits the
 * offsets — only after both are durable. Both writes are idempotent, so a batch interrupted
 * anywhere is simply written again. A poison record stops the batch at its position: the records
 * before it are written, and the error handler dead-letters it and redelivers the rest. A document
 * Elasticsearch refuses for good (mapping error) is kept in PostgreSQL and dead-lettered with the
 * reason.
 */
@Service
public class AuditSink implements DisposableBean {

    private final EventReader reader;
    private final AuditLog auditLog;
    private final BulkIndexer indexer;
    private final AuditDocuments documents;
    private final RejectedRecords rejectedRecords;
    private final FailedLoginDetector failedLogins;
    private final int chainOffset;
    private final SinkStages stages;
    /** Runs the Elasticsearch bulks while the listener threads write PostgreSQL. */
    private final ExecutorService bulkWriters = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "audit-bulk");
        thread.setDaemon(true);
        return thread;
    });

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
        // Sequential: the listener threads (one per partition) already use the cores, and a parallel
        // stream's waiting caller spins in the common pool (a fifth of this JVM's CPU under load).
        List<Received> received = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            AuditEntry entry;
            try {
                entry = entryOf(record);
            } catch (PoisonEventException poison) {
                // The records before it are written; the error handler dead-letters it and redelivers the rest.
                stages.record("read", start);
                store(received);
                throw new BatchListenerFailedException(poison.getMessage(), poison, record);
            }
            received.add(new Received(record, entry));
        }
        stages.record("read", start);
        store(received);
    }

    private void store(List<Received> received) {
        if (received.isEmpty()) {
            return;
        }
        Map<Integer, List<Received>> byChain = new LinkedHashMap<>();
        received.forEach(r -> byChain.computeIfAbsent(chainOffset + r.record().partition(), c -> new ArrayList<>()).add(r));
        for (Map.Entry<Integer, List<Received>> chain : byChain.entrySet()) {
            long start = System.nanoTime();
            List<AuditEntry> entries = chain.getValue().stream().map(Received::entry).toList();
            List<CompletableFuture<List<BulkIndexer.Rejection>>> bulks = new ArrayList<>();
            try {
                auditLog.appendAll(chain.getKey(), entries,
                        positions -> bulks.add(CompletableFuture.supplyAsync(() -> index(chain.getValue(), positions), bulkWriters)));
                stages.record("postgresql", start);
            } finally {
                // Never leave a bulk running behind a failed insert: the redelivery would race it.
                bulks.forEach(bulk -> bulk.exceptionally(e -> null).join());
            }
            awaitIndexed(bulks.get(0), chain.getValue());
            stages.record("both", start);
        }
        failedLogins.observe(received.stream().map(Received::entry).toList());
    }

    /** Indexes the documents of {@code received} as PostgreSQL has (or is about to have) them. */
    private List<BulkIndexer.Rejection> index(List<Received> received, Map<String, AuditLog.Position> positions) {
        long start = System.nanoTime();
        Set<String> seen = new HashSet<>();
        List<BulkIndexer.Document> docs = new ArrayList<>();
        for (Received r : received) {
            String id = r.entry().eventId().toString();
            if (seen.add(id)) {
                docs.add(documents.of(r.entry(), positions.get(id)));
            }
        }
        List<BulkIndexer.Rejection> rejections = indexer.index(docs);
        stages.record("elasticsearch", start);
        return rejections;
    }

    private void awaitIndexed(CompletableFuture<List<BulkIndexer.Rejection>> bulk, List<Received> received) {
        List<BulkIndexer.Rejection> rejections;
        try {
            rejections = bulk.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new ElasticsearchUnavailableException("bulk failed: " + e.getCause(), e.getCause());
        }
        if (rejections.isEmpty()) {
            return;
        }
        Map<String, ConsumerRecord<String, String>> recordById = new HashMap<>();
        received.forEach(r -> recordById.putIfAbsent(r.entry().eventId().toString(), r.record()));
        for (BulkIndexer.Rejection rejection : rejections) {
            rejectedRecords.deadLetter(recordById.get(rejection.document().id()), rejection.reason());
        }
    }

    private AuditEntry entryOf(ConsumerRecord<String, String> record) {
        // One pass from the validated tree to the typed envelope (libs/messaging's EventReader).
        return AuditEntries.from(reader.read(record.value(), AuditEvent.class));
    }

    @Override
    public void destroy() {
        bulkWriters.shutdownNow();
    }

    private record Received(ConsumerRecord<String, String> record, AuditEntry entry) {
    }
}
