package dev.apfa.embedding.batch;

import dev.apfa.messaging.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code embedding-jobs} (one record at a time per listener thread; {@code apfa.embedding.workers}
 * + 1 threads, see {@link JobQueue.Topics#embeddingConsumers}) and hands each job to its step. The offset is committed after the
 * step returned, i.e. after its effect is in PostgreSQL/Delta; a job for an unknown batch is dropped.
 */
@Component
class EmbeddingJobListener {

    private final JsonMapper json;
    private final BatchRepository batches;
    private final BatchPlanner planner;
    private final WorkItemProcessor processor;
    private final BatchFinalizer finalizer;

    EmbeddingJobListener(JsonMapper json, BatchRepository batches, BatchPlanner planner, WorkItemProcessor processor,
                         BatchFinalizer finalizer) {
        this.json = json;
        this.batches = batches;
        this.planner = planner;
        this.processor = processor;
        this.finalizer = finalizer;
    }

    @KafkaListener(id = "embedding-jobs", topics = "${apfa.embedding.jobs-topic}", concurrency = "#{@embeddingConsumers}")
    void onJob(ConsumerRecord<String, String> record) {
        EmbeddingJob job = parse(record.value());
        batches.find(job.batchId()).ifPresent(batch -> {
            switch (job.kind()) {
                case PLAN -> planner.plan(batch);
                case ITEM -> processor.process(batch, job);
                case FINALIZE -> finalizer.finalizeBatch(batch);
            }
        });
    }

    private EmbeddingJob parse(String value) {
        try {
            EmbeddingJob job = json.readValue(value, EmbeddingJob.class);
            if (job.kind() == null || job.batchId() == null || (job.kind() == EmbeddingJob.Kind.ITEM && (job.seq() == null || job.docs() == null))) {
                throw new PoisonEventException("incomplete embedding job");
            }
            return job;
        } catch (JacksonException | IllegalArgumentException e) {
            throw new PoisonEventException("not an embedding job: " + e.getMessage(), e);
        }
    }
}
