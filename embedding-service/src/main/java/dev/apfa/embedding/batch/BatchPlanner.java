package dev.apfa.embedding.batch;

import dev.apfa.embedding.EmbeddingProperties;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.DocumentCodec;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.Lakehouse;
import io.delta.standalone.actions.AddFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * PLAN: reads the pinned source version, leaves out documents whose embedding (same content hash,
 * same model) is already in {@code embeddings}, and publishes the rest as work items of
 * {@code item-size} documents. Two passes over the source, so that the queued event (with the
 * counts) goes out before any worker can start. A redelivered PLAN re-sends the items: workers
 * ignore items already recorded.
 */
@Component
class BatchPlanner {

    private static final Logger log = LoggerFactory.getLogger(BatchPlanner.class);

    private final BatchRepository batches;
    private final Lakehouse lakehouse;
    private final JobQueue jobs;
    private final BatchEvents events;
    private final BatchCompletion completion;
    private final int itemSize;

    BatchPlanner(BatchRepository batches, Lakehouse lakehouse, JobQueue jobs, BatchEvents events,
                 BatchCompletion completion, EmbeddingProperties properties) {
        this.batches = batches;
        this.lakehouse = lakehouse;
        this.jobs = jobs;
        this.events = events;
        this.completion = completion;
        this.itemSize = properties.itemSize();
    }

    void plan(Batch batch) {
        if (batch.terminal()) {
            return;
        }
        DeltaTable source = lakehouse.table(batch.sourceTable());
        List<AddFile> files;
        try {
            files = sorted(source.files(batch.sourceVersion()));
        } catch (IllegalArgumentException e) {
            batches.fail(batch.id(), e.getMessage());
            events.failed(batches.find(batch.id()).orElseThrow(), e.getMessage());
            return;
        }
        Map<String, String> embedded = embeddedHashes(batch);
        if (batch.plannedAt() == null) {
            long[] counts = new long[2]; // total, skipped
            forEachDocument(source, files, doc -> {
                counts[0]++;
                if (doc.contentHash().equals(embedded.get(doc.id()))) {
                    counts[1]++;
                }
            });
            int workItems = (int) ((counts[0] - counts[1] + itemSize - 1) / itemSize);
            if (batches.markPlanned(batch.id(), counts[0], counts[1], workItems)) {
                events.queued(batches.find(batch.id()).orElseThrow(), counts[0], workItems);
                log.info("batch {} planned: {} documents, {} unchanged, {} work items", batch.id(), counts[0], counts[1], workItems);
            }
        }
        publishItems(batch, source, files, embedded);
        completion.finalizeWhenDone(batch.id());
    }

    private void publishItems(Batch batch, DeltaTable source, List<AddFile> files, Map<String, String> embedded) {
        List<EmbeddingJob.Doc> pending = new ArrayList<>(itemSize);
        List<CompletableFuture<SendResult<String, String>>> sent = new ArrayList<>();
        int[] seq = {0};
        forEachDocument(source, files, doc -> {
            String hash = doc.contentHash();
            if (hash.equals(embedded.get(doc.id()))) {
                return;
            }
            boolean empty = doc.text() == null || doc.text().isBlank();
            pending.add(new EmbeddingJob.Doc(doc.id(), hash, empty ? "" : doc.embeddingText()));
            if (pending.size() == itemSize) {
                sent.add(jobs.send(EmbeddingJob.item(batch.id(), seq[0]++, pending)));
                pending.clear();
            }
        });
        if (!pending.isEmpty()) {
            sent.add(jobs.send(EmbeddingJob.item(batch.id(), seq[0], pending)));
        }
        sent.forEach(JobQueue::await);
    }

    /** doc id → content hash of what {@code embeddings} holds now for this source table and model. */
    private Map<String, String> embeddedHashes(Batch batch) {
        DeltaTable table = lakehouse.table(Lakehouse.EMBEDDINGS);
        long latest = table.latestVersion();
        Map<String, String> hashes = new HashMap<>();
        if (latest < 0) {
            return hashes;
        }
        for (AddFile file : table.files(latest)) {
            if (BatchFinalizer.belongsTo(file, batch)) {
                table.readFile(file, EmbeddingCodec.KEYS_ONLY, row -> hashes.put(row.docId(), row.contentHash()));
            }
        }
        return hashes;
    }

    private static void forEachDocument(DeltaTable source, List<AddFile> files, Consumer<Document> consumer) {
        for (AddFile file : files) {
            source.readFile(file, DocumentCodec.INSTANCE, consumer);
        }
    }

    /** The same order on every pass and every redelivery, so item numbers are stable. */
    private static List<AddFile> sorted(List<AddFile> files) {
        return files.stream().sorted(Comparator.comparing(AddFile::getPath)).toList();
    }
}
