package dev.apfa.embedding.batch;

import dev.apfa.contracts.task.v1.BatchCompleted.DocumentError;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.EmbeddingRow;
import dev.apfa.lakehouse.Lakehouse;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ITEM: has the item's documents embedded by the instance's {@link EmbeddingPool}, stages them as
 * one Parquet file in the {@code embeddings} table directory (invisible until the batch commits),
 * then records the item in PostgreSQL. The file name is fixed per item, so a redelivery after a
 * crash overwrites its own earlier attempt, and the ledger's primary key keeps the item from being
 * counted twice.
 */
@Component
class WorkItemProcessor {

    private final BatchRepository batches;
    private final EmbeddingPool pool;
    private final Lakehouse lakehouse;
    private final BatchEvents events;
    private final BatchCompletion completion;
    private final Counter embedded;

    WorkItemProcessor(BatchRepository batches, EmbeddingPool pool, Lakehouse lakehouse, BatchEvents events,
                      BatchCompletion completion, MeterRegistry meters) {
        this.batches = batches;
        this.pool = pool;
        this.lakehouse = lakehouse;
        this.events = events;
        this.completion = completion;
        this.embedded = meters.counter("apfa.embedding.documents", "kind", "batch");
    }

    void process(Batch batch, EmbeddingJob job) {
        if (batch.terminal()) {
            return;
        }
        if (!batches.itemDone(batch.id(), job.seq())) {
            if (Batch.QUEUED.equals(batch.status()) && batches.markRunning(batch.id())) {
                events.started(batches.find(batch.id()).orElseThrow());
            }
            List<EmbeddingRow> rows = new ArrayList<>(job.docs().size());
            List<DocumentError> errors = new ArrayList<>();
            List<EmbeddingPool.Result> results = pool.embedAll(job.docs().stream().map(EmbeddingJob.Doc::text).toList());
            for (int i = 0; i < results.size(); i++) {
                EmbeddingJob.Doc doc = job.docs().get(i);
                EmbeddingPool.Result result = results.get(i);
                if (result.vector() != null) {
                    rows.add(new EmbeddingRow(doc.id(), batch.sourceTable(), doc.hash(), batch.model(), result.vector(),
                            batch.sourceVersion(), batch.id().toString()));
                } else {
                    errors.add(new DocumentError(doc.id(), result.error()));
                }
            }
            String file = rows.isEmpty() ? null : stagedFile(batch, job.seq());
            if (file != null) {
                lakehouse.table(Lakehouse.EMBEDDINGS).writeDataFile(EmbeddingCodec.INSTANCE, rows, file, BatchFinalizer.tags(batch));
            }
            if (batches.recordItem(batch.id(), job.seq(), rows.size(), errors, file)) {
                embedded.increment(rows.size());
            }
            events.progress(batch.id());
        }
        completion.finalizeWhenDone(batch.id());
    }

    static String stagedFile(Batch batch, int seq) {
        return String.format(Locale.ROOT, "batches/%s/item-%06d.snappy.parquet", batch.id(), seq);
    }
}
