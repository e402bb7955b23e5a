package dev.apfa.embedding.batch;

import dev.apfa.contracts.task.v1.BatchCompleted.DocumentError;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code embedding.batches}, {@code work_items} and {@code batch_errors}. */
@Repository
public class BatchRepository {

    private final JdbcClient jdbc;

    BatchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String sourceTable, long sourceVersion, String model, String createdBy) {
        jdbc.sql("INSERT INTO batches (id, source_table, source_version, model, status, created_by) VALUES (?, ?, ?, ?, 'QUEUED', ?)")
                .params(id, sourceTable, sourceVersion, model, createdBy).update();
    }

    public Optional<Batch> find(UUID id) {
        return jdbc.sql("SELECT * FROM batches WHERE id = ?").param(id).query(BatchRepository::batch).optional();
    }

    public List<Batch> recent(int limit) {
        return jdbc.sql("SELECT * FROM batches ORDER BY created_at DESC LIMIT ?").param(limit).query(BatchRepository::batch).list();
    }

    /** Records the plan once; false when another delivery of the PLAN job got there first. */
    boolean markPlanned(UUID id, long total, long skipped, int workItems) {
        return jdbc.sql("UPDATE batches SET total = ?, skipped = ?, work_items = ?, planned_at = now() WHERE id = ? AND planned_at IS NULL")
                .params(total, skipped, workItems, id).update() == 1;
    }

    /** QUEUED → RUNNING; true only for the caller that made the transition. */
    boolean markRunning(UUID id) {
        return jdbc.sql("UPDATE batches SET status = 'RUNNING', started_at = now() WHERE id = ? AND status = 'QUEUED'")
                .param(id).update() == 1;
    }

    boolean itemDone(UUID batchId, int seq) {
        return jdbc.sql("SELECT count(*) FROM work_items WHERE batch_id = ? AND seq = ?").params(batchId, seq)
                .query(Long.class).single() > 0;
    }

    /**
     * Records a finished work item, its errors and the batch totals in one transaction; a second
     * delivery of the same item changes nothing.
     */
    @Transactional
    public boolean recordItem(UUID batchId, int seq, int processed, List<DocumentError> errors, String filePath) {
        int inserted = jdbc.sql("INSERT INTO work_items (batch_id, seq, processed, failed, file_path) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(batchId, seq, processed, errors.size(), filePath).update();
        if (inserted == 0) {
            return false;
        }
        for (DocumentError error : errors) {
            jdbc.sql("INSERT INTO batch_errors (batch_id, doc_id, message) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(batchId, clip(error.docId(), 256), clip(error.message(), 1000)).update();
        }
        jdbc.sql("UPDATE batches SET processed = processed + ?, failed = failed + ? WHERE id = ?")
                .params(processed, errors.size(), batchId).update();
        return true;
    }

    /** Planned, every work item recorded, not finished yet. */
    boolean readyToFinalize(UUID batchId) {
        return jdbc.sql("""
                        SELECT count(*) FROM batches b WHERE b.id = ? AND b.planned_at IS NOT NULL AND b.status IN ('QUEUED', 'RUNNING')
                           AND b.work_items = (SELECT count(*) FROM work_items w WHERE w.batch_id = b.id)""")
                .param(batchId).query(Long.class).single() > 0;
    }

    List<String> itemFiles(UUID batchId) {
        return jdbc.sql("SELECT file_path FROM work_items WHERE batch_id = ? AND file_path IS NOT NULL ORDER BY seq")
                .param(batchId).query(String.class).list();
    }

    public List<DocumentError> errors(UUID batchId, int limit) {
        return jdbc.sql("SELECT doc_id, message FROM batch_errors WHERE batch_id = ? ORDER BY doc_id LIMIT ?")
                .params(batchId, limit).query((rs, n) -> new DocumentError(rs.getString(1), rs.getString(2))).list();
    }

    void complete(UUID id, long outputVersion) {
        jdbc.sql("""
                UPDATE batches SET status = 'COMPLETED', output_version = ?, completed_at = now(),
                       started_at = COALESCE(started_at, now()) WHERE id = ? AND status IN ('QUEUED', 'RUNNING')""")
                .params(outputVersion, id).update();
    }

    void fail(UUID id, String error) {
        jdbc.sql("UPDATE batches SET status = 'FAILED', error = ?, completed_at = now() WHERE id = ? AND status IN ('QUEUED', 'RUNNING')")
                .params(clip(error, 1000), id).update();
    }

    /** A batch the sweeper claimed, with how many recovery attempts it has had, this one included. */
    record Stalled(Batch batch, int attempts) {
    }

    /**
     * Claims up to {@code limit} unfinished batches with no sign of life (created, planned, started,
     * a work item recorded, a recovery attempt) for {@code staleAfter}, counting one recovery attempt
     * each. SKIP LOCKED and the new {@code recovered_at} keep two instances from claiming the same
     * batch in one period.
     */
    List<Stalled> claimStalled(Duration staleAfter, int limit) {
        return jdbc.sql("""
                        UPDATE batches b SET recovery_attempts = b.recovery_attempts + 1, recovered_at = now()
                         WHERE b.id IN (
                               SELECT s.id FROM batches s
                                WHERE s.status IN ('QUEUED', 'RUNNING')
                                  AND GREATEST(s.created_at, s.planned_at, s.started_at, s.recovered_at,
                                               (SELECT max(w.completed_at) FROM work_items w WHERE w.batch_id = s.id))
                                      < now() - make_interval(secs => ?)
                                ORDER BY s.created_at LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING b.*""")
                .params((double) staleAfter.toMillis() / 1000.0, limit)
                .query((rs, n) -> new Stalled(batch(rs, n), rs.getInt("recovery_attempts"))).list();
    }

    private static String clip(String s, int max) {
        String value = s == null || s.isBlank() ? "unknown error" : s;
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static Batch batch(ResultSet rs, int row) throws SQLException {
        return new Batch(rs.getObject("id", UUID.class), rs.getString("source_table"), rs.getLong("source_version"),
                rs.getString("model"), rs.getString("status"), rs.getLong("total"), rs.getLong("processed"),
                rs.getLong("skipped"), rs.getLong("failed"), (Integer) rs.getObject("work_items"),
                (Long) rs.getObject("output_version"), rs.getString("error"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "planned_at"), instant(rs, "started_at"), instant(rs, "completed_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
