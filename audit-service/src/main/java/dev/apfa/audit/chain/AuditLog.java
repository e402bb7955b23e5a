package dev.apfa.audit.chain;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.Optional;

/**
 * {@code audit.audit_logs}, the system of record: appends entries to the hash chain of their
 * Kafka partition. Appending the same event twice is a no-op, so redelivery never duplicates.
 */
@Repository
public class AuditLog {

    private final JdbcClient jdbc;
    private final JsonMapper jsonMapper;

    public AuditLog(JdbcClient jdbc, JsonMapper jsonMapper) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
    }

    /** @return {@code true} when the entry was appended, {@code false} when it was already there */
    @Transactional
    public boolean append(int chain, AuditEntry entry) {
        // One writer per chain at a time, even across audit-service instances during a rebalance.
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('audit_logs'), ?)").param(chain).query().singleRow();
        if (contains(entry)) {
            return false;
        }
        ChainHead head = head(chain).orElse(new ChainHead(0, ChainHasher.GENESIS));
        String hash = ChainHasher.hash(head.hash(), entry);
        jdbc.sql("""
                        INSERT INTO audit_logs (event_id, event_type, occurred_at, source, actor_id, actor_username,
                            actor_roles, action, resource_type, resource_id, outcome, source_ip, request_id, user_agent, reason, trace_id,
                            details, chain, chain_seq, prev_hash, hash)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)""")
                .params(entry.eventId(), entry.eventType(), Timestamp.from(entry.occurredAt()), entry.source(),
                        entry.actorId(), entry.actorUsername(), entry.actorRoles(), entry.action(),
                        entry.resourceType(), entry.resourceId(), entry.outcome(), entry.sourceIp(),
                        entry.requestId(), entry.userAgent(), entry.reason(), entry.traceId(),
                        entry.details() == null ? null : jsonMapper.writeValueAsString(entry.details()),
                        chain, head.seq() + 1, head.hash(), hash)
                .update();
        return true;
    }

    private boolean contains(AuditEntry entry) {
        return jdbc.sql("SELECT count(*) FROM audit_logs WHERE event_id = ?").param(entry.eventId())
                .query(Long.class).single() > 0;
    }

    private Optional<ChainHead> head(int chain) {
        return jdbc.sql("SELECT chain_seq, hash FROM audit_logs WHERE chain = ? ORDER BY chain_seq DESC LIMIT 1")
                .param(chain)
                .query((rs, row) -> new ChainHead(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    private record ChainHead(long seq, String hash) {
    }
}
