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
 * same model) is already in {@code embeddings}, and publishes the rest as work items of at most
 * {@code item-size} documents, evenly sized, their number a multiple of the work topic's partitions.
 * The counts come first (the queued event goes out before any worker can start): from the Parquet
 * footers when nothing of this table and model is embedded yet, else from a first pass over the
 * texts. A redelivered PLAN re-sends the same items: workers ignore items already recorded.
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
            if (embedded.isEmpty()) {
                // Nothing to skip: the row count from the Parquet footers, no first pass over the texts.
                counts[0] = source.count(batch.sourceVersion());
            } else {
                forEachDocument(source, files, doc -> {
                    counts[0]++;
                    if (doc.contentHash().equals(embedded.get(doc.id()))) {
                        counts[1]++;
                    }
                });
            }
            int workItems = itemCount(counts[0] - counts[1], itemSize, jobs.partitions());
            if (batches.markPlanned(batch.id(), counts[0], counts[1], workItems)) {
                events.queued(batches.find(batch.id()).orElseThrow(), counts[0], workItems);
                log.info("batch {} planned: {} documents, {} unchanged, {} work items", batch.id(), counts[0], counts[1], workItems);
            }
        }
        // Item boundaries from the recorded plan, so a redelivered PLAN re-sends exactly the same items.
        Batch planned = batches.find(batch.id()).orElseThrow();
        publishItems(planned, source, files, embedded);
        completion.finalizeWhenDone(batch.id());
    }

    /**
     * How many work items for {@code pending} documents: items of at most {@code itemSize}, their number
     * rounded up to a multiple of the work topic's partitions. Items go round-robin over the partitions,
     * so every partition — and every instance, which consumes a share of the partitions — gets the same
     * number of documents (±1 per item) and no instance is left with a tail of items after the others.
     */
    static int itemCount(long pending, int itemSize, int partitions) {
        if (pending <= 0) {
            return 0;
        }
        long items = (pending + itemSize - 1) / itemSize;
        items = (items + partitions - 1) / partitions * partitions;
        return (int) Math.min(items, pending);
    }

    /** Size of item {@code seq}: the pending documents spread evenly, the first {@code pending % items} one bigger. */
    static int itemSize(long pending, int items, int seq) {
        return (int) (pending / items + (seq < pending % items ? 1 : 0));
    }

    private void publishItems(Batch batch, DeltaTable source, List<AddFile> files, Map<String, String> embedded) {
        long pending = batch.total() - batch.skipped();
        int items = batch.workItems() == null ? 0 : batch.workItems();
        if (items == 0) {
            return;
        }
        List<EmbeddingJob.Doc> docs = new ArrayList<>(itemSize);
        List<CompletableFuture<SendResult<String, String>>> sent = new ArrayList<>();
        int[] seq = {0};
        forEachDocument(source, files, doc -> {
            String hash = doc.contentHash();
            if (hash.equals(embedded.get(doc.id()))) {
                return;
            }
            boolean empty = doc.text() == null || doc.text().isBlank();
            docs.add(new EmbeddingJob.Doc(doc.id(), hash, empty ? "" : doc.embeddingText()));
            if (seq[0] < items - 1 && docs.size() == itemSize(pending, items, seq[0])) {
                sent.add(jobs.send(EmbeddingJob.item(batch.id(), seq[0]++, docs)));
                docs.clear();
            }
        });
        if (!docs.isEmpty()) {
            sent.add(jobs.send(EmbeddingJob.item(batch.id(), seq[0], docs)));
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
