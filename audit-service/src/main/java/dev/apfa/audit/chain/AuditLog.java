package dev.apfa.audit.chain;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * {@code audit.audit_logs}, the system of record: appends entries to the hash chain of their
 * Kafka partition. Appending an event that is already there is a no-op, so redelivery never
 * duplicates.
 */
@Repository
public class AuditLog {

    /**
     * New rows only (their ids were looked up under the chain's lock), so COPY inserts exactly what a
     * plain INSERT would: an id recorded meanwhile fails the unique constraint and the batch is retried.
     */
    private static final String COPY = """
            COPY audit_logs (event_id, event_type, occurred_at, source, actor_id, actor_username,
                actor_roles, action, resource_type, resource_id, outcome, source_ip, request_id, user_agent, reason, trace_id,
                details, chain, chain_seq, prev_hash, hash) FROM STDIN""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper jsonMapper;

    public AuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.jsonMapper = jsonMapper;
    }

    /**
     * Appends, in order and in one transaction, the entries not yet recorded. Once every entry's
     * position is known — computed here for the new ones, read for those an earlier delivery
     * recorded — and before the rows are inserted, {@code whileInserting} is called with them: what it
     * starts (the Elasticsearch bulk) runs while PostgreSQL inserts and commits. The positions depend
     * only on the chain's head and the order of the entries, so a delivery that fails before the
     * commit computes the same positions when it is redelivered.
     *
     * @return how many entries were appended now, and what {@code whileInserting} returned
     */
    @Transactional
    public <T> Appended<T> appendAll(int chain, List<AuditEntry> entries, Function<Map<String, Position>, T> whileInserting) {
        // One writer per chain at a time, even across audit-service instances during a rebalance.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('audit_logs'), ?)").param(chain).query().singleRow();
        Map<String, Position> positions = positions(entries.stream().map(AuditEntry::eventId).toList());
        ChainHead head = head(chain).orElse(new ChainHead(0, ChainHasher.GENESIS));
        CopyRows rows = new CopyRows();
        for (AuditEntry entry : entries) {
            String eventId = entry.eventId().toString();
            if (positions.containsKey(eventId)) {
                continue;
            }
            String previousHash = head.hash();
            String hash = ChainHasher.hash(previousHash, entry);
            head = new ChainHead(head.seq() + 1, hash);
            positions.put(eventId, new Position(eventId, chain, head.seq(), hash, entry.traceId()));
            // occurred_at as RFC 3339 (microseconds, UTC): PostgreSQL reads it as the same instant.
            rows.value(eventId).value(entry.eventType()).value(entry.occurredAt().toString()).value(entry.source())
                    .value(entry.actorId()).value(entry.actorUsername()).value(entry.actorRoles()).value(entry.action())
                    .value(entry.resourceType()).value(entry.resourceId()).value(entry.outcome()).value(entry.sourceIp())
                    .value(entry.requestId()).value(entry.userAgent()).value(entry.reason()).value(entry.traceId())
                    .value(entry.details() == null ? null : jsonMapper.writeValueAsString(entry.details()))
                    .value(chain).value(head.seq()).value(previousHash).value(hash)
                    .endRow();
        }
        T started = whileInserting.apply(Map.copyOf(positions));
        if (rows.rows() > 0) {
            copy(rows.utf8());
        }
        return new Appended<>(rows.rows(), started);
    }

    /** COPY into the transaction's connection: PostgreSQL parses no statement per row and binds no parameters. */
    private void copy(byte[] rows) {
        jdbcTemplate.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new ByteArrayInputStream(rows));
            } catch (IOException e) {
                throw new SQLException("COPY into audit_logs failed: " + e.getMessage(), e);
            }
        });
    }

    /** @param appended how many entries were new; {@code started} what was started while they were inserted */
    public record Appended<T>(int appended, T started) {
    }

    /** Where recorded events sit in their chains, by event id; ids not recorded are absent. */
    public Map<String, Position> positions(List<UUID> eventIds) {
        Map<String, Position> positions = new HashMap<>();
        if (eventIds.isEmpty()) {
            return positions;
        }
        // One uuid[] parameter, not one placeholder per id: nothing to expand, parse or plan per id.
        jdbcTemplate.query(connection -> {
            PreparedStatement select = connection.prepareStatement(
                    "SELECT event_id, chain, chain_seq, hash, trace_id FROM audit_logs WHERE event_id = ANY(?)");
            select.setArray(1, connection.createArrayOf("uuid", eventIds.toArray()));
            return select;
        }, (RowCallbackHandler) rs -> positions.put(rs.getString(1),
                new Position(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5))));
        return positions;
    }

    /** @param traceId the trace of the delivery that was recorded (a redelivery may travel in another) */
    public record Position(String eventId, int chain, long seq, String hash, String traceId) {
    }

    /** The last link, or the retention checkpoint when retention removed every link of the chain. */
    private Optional<ChainHead> head(int chain) {
        Optional<ChainHead> last = jdbc.sql("SELECT chain_seq, hash FROM audit_logs WHERE chain = ? ORDER BY chain_seq DESC LIMIT 1")
                .param(chain)
                .query((rs, row) -> new ChainHead(rs.getLong(1), rs.getString(2)))
                .optional();
        if (last.isPresent()) {
            return last;
        }
        return jdbc.sql("SELECT pruned_through, last_pruned_hash FROM chain_checkpoints WHERE chain = ?")
                .param(chain)
                .query((rs, row) -> new ChainHead(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    private record ChainHead(long seq, String hash) {
    }
}
