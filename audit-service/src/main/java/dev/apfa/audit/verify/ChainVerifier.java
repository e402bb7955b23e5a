package dev.apfa.audit.verify;

import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.audit.chain.ChainHasher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Walks every hash chain of {@code audit.audit_logs} from its anchor (genesis, or the retention
 * checkpoint) and reports, per chain, the first link that does not hold: a gap in {@code chain_seq}
 * (a deleted row), a {@code prev_hash} that is not the previous link's hash, or a {@code hash} that
 * does not match the row's content (an edited row). Rows are streamed, not loaded.
 */
@Service
public class ChainVerifier {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper jsonMapper;

    ChainVerifier(JdbcTemplate shared, JsonMapper jsonMapper) {
        // Its own template: a fetch size makes PostgreSQL stream rows (inside the read-only
        // transaction) instead of loading a whole chain into memory.
        this.jdbc = new JdbcTemplate(shared.getDataSource());
        this.jdbc.setFetchSize(1000);
        this.jsonMapper = jsonMapper;
    }

    @Transactional(readOnly = true)
    public Report verify(Integer onlyChain) {
        List<Integer> chains = onlyChain != null ? List.of(onlyChain)
                : jdbc.queryForList("SELECT DISTINCT chain FROM audit_logs ORDER BY chain", Integer.class);
        List<ChainReport> reports = new ArrayList<>();
        long total = 0;
        for (int chain : chains) {
            ChainReport report = verifyChain(chain);
            reports.add(report);
            total += report.checkedLinks();
        }
        BrokenLink first = reports.stream().map(ChainReport::firstBroken).filter(b -> b != null).findFirst().orElse(null);
        return new Report(first == null ? "intact" : "broken", total, first, reports);
    }

    private ChainReport verifyChain(int chain) {
        Walker walker = new Walker(chain, anchor(chain));
        jdbc.query("""
                SELECT event_id, event_type, occurred_at, source, actor_id, actor_username, actor_roles, action,
                       resource_type, resource_id, outcome, source_ip, request_id, user_agent, reason, trace_id,
                       details::text, chain_seq, prev_hash, hash
                FROM audit_logs WHERE chain = ? ORDER BY chain_seq""", (RowCallbackHandler) walker::row, chain);
        return new ChainReport(chain, walker.checked, walker.broken);
    }

    private Anchor anchor(int chain) {
        return jdbc.query("SELECT pruned_through, last_pruned_hash FROM chain_checkpoints WHERE chain = ?",
                        (rs, n) -> new Anchor(rs.getLong(1), rs.getString(2)), chain)
                .stream().findFirst().orElse(new Anchor(0, ChainHasher.GENESIS));
    }

    private record Anchor(long seq, String hash) {
    }

    private final class Walker {
        final int chain;
        long expectedSeq;
        String expectedPrev;
        long checked;
        BrokenLink broken;

        Walker(int chain, Anchor anchor) {
            this.chain = chain;
            this.expectedSeq = anchor.seq() + 1;
            this.expectedPrev = anchor.hash();
        }

        void row(ResultSet rs) throws SQLException {
            if (broken != null) {
                return;
            }
            checked++;
            String eventId = rs.getString(1);
            long seq = rs.getLong(18);
            String prevHash = rs.getString(19);
            String hash = rs.getString(20);
            if (seq != expectedSeq) {
                broken = new BrokenLink(chain, expectedSeq, null, "missing",
                        "link " + expectedSeq + " is missing (next present link is " + seq + ")");
            } else if (!prevHash.equals(expectedPrev)) {
                broken = new BrokenLink(chain, seq, eventId, "prev_hash_mismatch",
                        "prev_hash does not match the hash of link " + (seq - 1));
            } else if (!ChainHasher.hash(prevHash, entry(rs)).equals(hash)) {
                broken = new BrokenLink(chain, seq, eventId, "content_altered",
                        "the row's content does not match its hash");
            }
            expectedSeq = seq + 1;
            expectedPrev = hash;
        }

        private AuditEntry entry(ResultSet rs) throws SQLException {
            String details = rs.getString(17);
            return new AuditEntry(UUID.fromString(rs.getString(1)), rs.getString(2), rs.getTimestamp(3).toInstant(),
                    rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                    rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14),
                    rs.getString(15), rs.getString(16), details == null ? null : jsonMapper.readValue(details, DETAILS));
        }
    }

    /** @param status {@code intact} or {@code broken} */
    public record Report(String status, long checkedLinks, BrokenLink firstBroken, List<ChainReport> chains) {
    }

    public record ChainReport(int chain, long checkedLinks, BrokenLink firstBroken) {
    }

    /**
     * @param eventId {@code null} for a missing link
     * @param problem {@code missing}, {@code prev_hash_mismatch} or {@code content_altered}
     */
    public record BrokenLink(int chain, long chainSeq, String eventId, String problem, String description) {
    }
}
