package dev.apfa.embedding.batch;

import dev.apfa.embedding.model.OnnxEmbedder;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.Lakehouse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

import java.util.UUID;

/**
 * Starting a batch: resolve and pin the source version, record the batch together with its
 * {@code batch.started} audit event (outbox, one transaction), queue its PLAN job. The request returns
 * as soon as the PLAN job is on Kafka; planning and embedding run on the workers.
 */
@Service
public class BatchService {

    private final BatchRepository batches;
    private final Lakehouse lakehouse;
    private final JobQueue jobs;
    private final BatchAudit audit;
    private final TransactionTemplate transactions;

    BatchService(BatchRepository batches, Lakehouse lakehouse, JobQueue jobs, BatchAudit audit, TransactionTemplate transactions) {
        this.batches = batches;
        this.lakehouse = lakehouse;
        this.jobs = jobs;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** @param origin the admin who asks (the batch's {@code created_by} is their user id) and from where */
    Batch start(String sourceTable, Long version, BatchAudit.Origin origin) {
        if (!Lakehouse.isValidTableName(sourceTable)) {
            throw problem(HttpStatus.BAD_REQUEST, "source_table must be a table name (letters, digits, underscores).");
        }
        if (Lakehouse.EMBEDDINGS.equals(sourceTable)) {
            throw problem(HttpStatus.UNPROCESSABLE_CONTENT, "The embeddings table cannot be a batch source.");
        }
        DeltaTable table = lakehouse.table(sourceTable);
        long latest = table.latestVersion();
        if (latest < 0) {
            throw problem(HttpStatus.NOT_FOUND, "No Delta table named " + sourceTable + ".");
        }
        long pinned = version == null ? latest : version;
        if (pinned < 0 || pinned > latest) {
            throw problem(HttpStatus.UNPROCESSABLE_CONTENT, "Table " + sourceTable + " has versions 0 to " + latest + ".");
        }
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            batches.insert(id, sourceTable, pinned, OnnxEmbedder.MODEL, origin.user().id());
            audit.started(id, sourceTable, pinned, origin);
        });
        try {
            jobs.sendAndWait(EmbeddingJob.plan(id));
        } catch (RuntimeException e) {
            batches.fail(id, "could not queue the batch: Kafka unavailable");
            throw problem(HttpStatus.SERVICE_UNAVAILABLE, "The work queue is unavailable; try again later.");
        }
        return batches.find(id).orElseThrow();
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
