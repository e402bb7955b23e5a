package dev.apfa.embedding.batch;

import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Sends FINALIZE once every work item of a planned batch is recorded. Called after each item and
 * after planning, also on redeliveries, so a worker killed between recording the last item and
 * sending FINALIZE is covered by the redelivery. Duplicate FINALIZEs are harmless.
 */
@Component
class BatchCompletion {

    private final BatchRepository batches;
    private final JobQueue jobs;

    BatchCompletion(BatchRepository batches, JobQueue jobs) {
        this.batches = batches;
        this.jobs = jobs;
    }

    void finalizeWhenDone(UUID batchId) {
        if (batches.readyToFinalize(batchId)) {
            jobs.sendAndWait(EmbeddingJob.finalizeBatch(batchId));
        }
    }
}
