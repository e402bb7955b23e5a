package dev.apfa.audit.chain;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code audit.audit_logs}, the system of record: appends entries to the hash chain of their
 * Kafka partition. Appending an event that is already there is a no-op, so redelivery never
 * duplicates.
 */
@Repository
public class AuditLog {

    private static final String INSERT = """
            INSERT INTO audit_logs (event_id, event_type, occurred_at, source, actor_id, actor_username,
                actor_roles, action, resource_type, resource_id, outcome, source_ip, request_id, user_agent, reason, trace_id,
                details, chain, chain_seq, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)""";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final JsonMapper jsonMapper;

    public AuditLog(JdbcClient jdbc, JdbcTemplate jdbcTemplate, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.jsonMapper = jsonMapper;
    }

    /** @return {@code true} when the entry was appended, {@code false} when it was already there */
    @Transactional
    public boolean append(int chain, AuditEntry entry) {
        return !appendAll(chain, List.of(entry)).isEmpty();
    }

    /**
     * Appends, in order and in one transaction, the entries not yet recorded.
     *
     * @return the links appended now (events already recorded are left out)
     */
    @Transactional
    public List<Link> appendAll(int chain, List<AuditEntry> entries) {
        // One writer per chain at a time, even across audit-service instances during a rebalance.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('audit_logs'), ?)").param(chain).query().singleRow();
        Set<UUID> recorded = recorded(entries);
        ChainHead head = head(chain).orElse(new ChainHead(0, ChainHasher.GENESIS));
        List<Link> links = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (AuditEntry entry : entries) {
            if (!recorded.add(entry.eventId())) {
                continue;
            }
            String previousHash = head.hash();
            String hash = ChainHasher.hash(previousHash, entry);
            head = new ChainHead(head.seq() + 1, hash);
            links.add(new Link(entry, chain, head.seq(), hash));
            rows.add(new Object[]{entry.eventId(), entry.eventType(), Timestamp.from(entry.occurredAt()), entry.source(),
                    entry.actorId(), entry.actorUsername(), entry.actorRoles(), entry.action(),
                    entry.resourceType(), entry.resourceId(), entry.outcome(), entry.sourceIp(),
                    entry.requestId(), entry.userAgent(), entry.reason(), entry.traceId(),
                    entry.details() == null ? null : jsonMapper.writeValueAsString(entry.details()),
                    chain, head.seq(), previousHash, hash});
        }
        if (!rows.isEmpty()) {
            jdbcTemplate.batchUpdate(INSERT, rows);
        }
        return links;
    }

    /** Where an entry sits in its chain, once appended. */
    public record Link(AuditEntry entry, int chain, long seq, String hash) {
    }

    /** Where recorded events sit in their chains, by event id; ids not recorded are absent. */
    public Map<String, Position> positions(List<UUID> eventIds) {
        Map<String, Position> positions = new HashMap<>();
        jdbc.sql("SELECT event_id, chain, chain_seq, hash, trace_id FROM audit_logs WHERE event_id IN (:ids)")
                .param("ids", eventIds)
                .query((rs, row) -> new Position(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5)))
                .list().forEach(p -> positions.put(p.eventId(), p));
        return positions;
    }

    /** @param traceId the trace of the delivery that was recorded (a redelivery may travel in another) */
    public record Position(String eventId, int chain, long seq, String hash, String traceId) {
    }

    private Set<UUID> recorded(List<AuditEntry> entries) {
        List<UUID> ids = entries.stream().map(AuditEntry::eventId).toList();
        return new HashSet<>(jdbc.sql("SELECT event_id FROM audit_logs WHERE event_id IN (:ids)")
                .param("ids", ids).query(UUID.class).list());
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
