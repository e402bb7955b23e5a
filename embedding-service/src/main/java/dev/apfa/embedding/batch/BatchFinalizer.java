package dev.apfa.embedding.batch;

import dev.apfa.embedding.metadata.EmbeddingMetadataIndex;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.DocumentCodec;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.EmbeddingRow;
import dev.apfa.lakehouse.Lakehouse;
import io.delta.standalone.actions.Action;
import io.delta.standalone.actions.AddFile;
import io.delta.standalone.exceptions.DeltaConcurrentModificationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * FINALIZE: makes the batch's staged files one new version of {@code embeddings}, in which every
 * document of the pinned source version that could be embedded appears exactly once for this
 * model: new rows from this batch, unchanged rows kept from earlier batches, and older rows of
 * re-embedded or deleted documents removed (a file holding any of them is rewritten without them,
 * copy-on-write). The commit carries the batch id as a Delta transaction id, so a FINALIZE
 * redelivered after a crash finds the version it already produced instead of committing twice.
 */
@Component
class BatchFinalizer {

    private static final Logger log = LoggerFactory.getLogger(BatchFinalizer.class);
    private static final int COMMIT_ATTEMPTS = 5;

    private final BatchRepository batches;
    private final Lakehouse lakehouse;
    private final BatchEvents events;
    private final EmbeddingMetadataIndex metadata;

    BatchFinalizer(BatchRepository batches, Lakehouse lakehouse, BatchEvents events, EmbeddingMetadataIndex metadata) {
        this.batches = batches;
        this.lakehouse = lakehouse;
        this.events = events;
        this.metadata = metadata;
    }

    void finalizeBatch(Batch batch) {
        if (batch.terminal() || !batches.readyToFinalize(batch.id())) {
            return;
        }
        DeltaTable embeddings = lakehouse.table(Lakehouse.EMBEDDINGS);
        String appId = "embedding-batch-" + batch.id();
        long version = embeddings.versionCommittedBy(appId).orElseGet(() -> commitWithRetries(embeddings, batch, appId));
        batches.complete(batch.id(), version);
        Batch done = batches.find(batch.id()).orElseThrow();
        log.info("batch {} completed: embeddings version {}, {} embedded, {} unchanged, {} failed",
                batch.id(), version, done.processed(), done.skipped(), done.failed());
        events.completed(done);
        metadata.indexCompleted(new EmbeddingMetadataIndex.CompletedBatch(done.id(), done.sourceTable(), done.model(), version,
                done.processed() + done.skipped()), this::completedAt);
    }

    private Instant completedAt(String batchId) {
        try {
            return batches.find(UUID.fromString(batchId)).map(Batch::completedAt).orElse(null);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private long commitWithRetries(DeltaTable embeddings, Batch batch, String appId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return commit(embeddings, batch, appId);
            } catch (DeltaConcurrentModificationException e) {
                // Another batch committed first; our plan of removals may be stale, so redo it.
                if (attempt == COMMIT_ATTEMPTS) {
                    throw e;
                }
                log.info("batch {}: concurrent commit on embeddings, retrying ({})", batch.id(), e.getMessage());
            }
        }
    }

    private long commit(DeltaTable embeddings, Batch batch, String appId) {
        Map<String, String> tags = tags(batch);
        List<AddFile> added = batches.itemFiles(batch.id()).stream().map(path -> embeddings.addFileFor(path, tags)).toList();
        List<Action> actions = new ArrayList<>(added);
        long latest = embeddings.latestVersion();
        List<AddFile> older = latest < 0 ? List.of() : embeddings.files(latest).stream().filter(file -> belongsTo(file, batch)).toList();
        // Rows of earlier batches for this source table and model may be stale: read what this batch embedded
        // and what the source holds only then (a first batch over a table has nothing to remove).
        if (!older.isEmpty()) {
            Set<String> reembedded = new HashSet<>();
            added.forEach(file -> embeddings.readFile(file, EmbeddingCodec.KEYS_ONLY, row -> reembedded.add(row.docId())));
            Set<String> inSource = new HashSet<>();
            lakehouse.table(batch.sourceTable()).forEach(batch.sourceVersion(), DocumentCodec.IDS_ONLY,
                    (Document doc) -> inSource.add(doc.id()));
            for (AddFile file : older) {
                actions.addAll(dropStaleRows(embeddings, file, reembedded, inSource));
            }
        }
        return embeddings.commit(EmbeddingCodec.INSTANCE, actions, "embedding batch " + batch.id(), appId);
    }

    /** Nothing when every row of {@code file} stays; else remove it and add a copy without the stale rows. */
    private static List<Action> dropStaleRows(DeltaTable embeddings, AddFile file, Set<String> reembedded, Set<String> inSource) {
        List<String> stale = new ArrayList<>();
        embeddings.readFile(file, EmbeddingCodec.KEYS_ONLY, row -> {
            if (reembedded.contains(row.docId()) || !inSource.contains(row.docId())) {
                stale.add(row.docId());
            }
        });
        if (stale.isEmpty()) {
            return List.of();
        }
        Set<String> drop = new HashSet<>(stale);
        List<EmbeddingRow> kept = new ArrayList<>();
        embeddings.readFile(file, EmbeddingCodec.INSTANCE, row -> {
            if (!drop.contains(row.docId())) {
                kept.add(row);
            }
        });
        List<Action> actions = new ArrayList<>();
        actions.add(file.remove());
        if (!kept.isEmpty()) {
            actions.add(embeddings.writeDataFile(EmbeddingCodec.INSTANCE, kept, null, file.getTags()));
        }
        return actions;
    }

    /** Files carry their source table and model as Delta tags, so a batch touches only its own rows. */
    static Map<String, String> tags(Batch batch) {
        return Map.of("source_table", batch.sourceTable(), "model", batch.model(), "batch_id", batch.id().toString());
    }

    static boolean belongsTo(AddFile file, Batch batch) {
        Map<String, String> tags = file.getTags();
        return tags != null && batch.sourceTable().equals(tags.get("source_table")) && batch.model().equals(tags.get("model"));
    }
}
