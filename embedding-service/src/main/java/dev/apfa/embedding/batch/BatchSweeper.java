package dev.apfa.embedding.batch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;

/**
 * Recovers batches stuck because a job of theirs was dead-lettered (a PLAN that failed its retries,
 * an ITEM, or the FINALIZE): every {@code sweep-interval}, a QUEUED/RUNNING batch with no progress
 * for {@code stale-after} gets the job that moves it on again — FINALIZE when every work item is
 * recorded, else PLAN (which re-sends the items; recorded ones are skipped). Both are idempotent,
 * so a batch that was only slow loses nothing. After {@code recovery-attempts} tries without
 * progress the batch is FAILED with the reason, and {@code batch.failed} tells the admins.
 */
@Component
class BatchSweeper {

    private static final Logger log = LoggerFactory.getLogger(BatchSweeper.class);
    private static final int PER_SWEEP = 50;

    private final BatchRepository batches;
    private final JobQueue jobs;
    private final BatchEvents events;
    private final Duration staleAfter;
    private final int maxAttempts;

    BatchSweeper(BatchRepository batches, JobQueue jobs, BatchEvents events,
                 @Value("${apfa.embedding.stale-after:10m}") Duration staleAfter,
                 @Value("${apfa.embedding.recovery-attempts:3}") int maxAttempts) {
        this.batches = batches;
        this.jobs = jobs;
        this.events = events;
        this.staleAfter = staleAfter;
        this.maxAttempts = maxAttempts;
    }

    @Scheduled(fixedDelayString = "${apfa.embedding.sweep-interval:1m}", initialDelayString = "${apfa.embedding.sweep-interval:1m}")
    void scheduledSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // PostgreSQL or Kafka away: the next sweep tries again.
            log.warn("batch sweep failed: {}", e.toString());
        }
    }

    /** One pass; returns the batches it acted on. */
    List<BatchRepository.Stalled> sweep() {
        List<BatchRepository.Stalled> stalled = batches.claimStalled(staleAfter, PER_SWEEP);
        stalled.forEach(this::recover);
        return stalled;
    }

    private void recover(BatchRepository.Stalled stalled) {
        Batch batch = stalled.batch();
        if (stalled.attempts() > maxAttempts) {
            String reason = "No progress for " + staleAfter.toMinutes() + " min after " + maxAttempts
                    + " recovery attempts; a job of this batch was probably dead-lettered (see the embedding-jobs.DLT topic).";
            batches.fail(batch.id(), reason);
            batches.find(batch.id()).filter(b -> Batch.FAILED.equals(b.status())).ifPresent(failed -> events.failed(failed, reason));
            log.warn("batch {} failed by the sweeper: {}", batch.id(), reason);
            return;
        }
        boolean finalize = batch.plannedAt() != null && batches.readyToFinalize(batch.id());
        jobs.sendAndWait(finalize ? EmbeddingJob.finalizeBatch(batch.id()) : EmbeddingJob.plan(batch.id()));
        log.warn("batch {} had no progress for {}: {} sent again (attempt {} of {})", batch.id(), staleAfter,
                finalize ? "FINALIZE" : "PLAN", stalled.attempts(), maxAttempts);
    }

    /** Scheduling for the sweeper (Boot does not enable it by default). */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }
}
