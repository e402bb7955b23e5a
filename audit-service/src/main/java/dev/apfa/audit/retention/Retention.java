package dev.apfa.audit.retention;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Retention of the audit trail, once a day: Elasticsearch monthly indices whose whole month is
 * older than {@code es-days} (90) are deleted; PostgreSQL rows older than {@code pg-period} (7
 * years) are deleted chain by chain, and the chain's checkpoint records the last deleted link so
 * {@code verify} still anchors what remains.
 */
@Service
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM");

    private final ElasticsearchClient elasticsearch;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final String indexPrefix;
    private final Duration esRetention;
    private final Duration pgRetention;
    private final Clock clock;

    Retention(ElasticsearchClient elasticsearch, JdbcClient jdbc, TransactionTemplate transactions,
              @Value("${apfa.audit.elasticsearch.index-prefix:audit-logs}") String indexPrefix,
              @Value("${apfa.audit.retention.es-days:90}") int esDays,
              @Value("${apfa.audit.retention.pg-period:P2557D}") Duration pgRetention) {
        this.elasticsearch = elasticsearch;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.indexPrefix = indexPrefix;
        this.esRetention = Duration.ofDays(esDays);
        this.pgRetention = pgRetention;
        this.clock = Clock.systemUTC();
    }

    @Scheduled(cron = "${apfa.audit.retention.cron:0 30 3 * * *}", zone = "UTC")
    public void run() throws IOException {
        deleteOldIndices(clock.instant());
        pruneRows(clock.instant());
    }

    /** @return the indices deleted */
    public List<String> deleteOldIndices(Instant now) throws IOException {
        Instant cutoff = now.minus(esRetention);
        List<String> expired = new ArrayList<>();
        for (String index : elasticsearch.indices().get(g -> g.index(indexPrefix + "-*").ignoreUnavailable(true)).result().keySet()) {
            YearMonth month = monthOf(index);
            if (month != null && month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).isBefore(cutoff)) {
                expired.add(index);
            }
        }
        for (String index : expired) {
            elasticsearch.indices().delete(d -> d.index(index));
            log.info("retention: deleted index {}", index);
        }
        return expired;
    }

    /** @return the rows deleted */
    public long pruneRows(Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(pgRetention));
        long deleted = 0;
        for (int chain : jdbc.sql("SELECT DISTINCT chain FROM audit_logs").query(Integer.class).list()) {
            deleted += prune(chain, cutoff.toInstant());
        }
        return deleted;
    }

    /** Deletes the links of one chain older than {@code cutoff} (a prefix of the chain) and moves its checkpoint. */
    public long prune(int chain, Instant cutoff) {
        Long count = transactions.execute(tx -> pruneChain(chain, Timestamp.from(cutoff)));
        return count == null ? 0 : count;
    }

    private long pruneChain(int chain, Timestamp cutoff) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('audit_logs'), ?)").param(chain).query().singleRow();
        // Prune a prefix of the chain only: links are in time order per partition, but a late
        // event could interleave, and a hole in the middle would look like tampering.
        var last = jdbc.sql("""
                        SELECT chain_seq, hash FROM audit_logs WHERE chain = ? AND chain_seq <= coalesce(
                            (SELECT min(chain_seq) - 1 FROM audit_logs WHERE chain = ? AND occurred_at >= ?),
                            (SELECT max(chain_seq) FROM audit_logs WHERE chain = ?))
                        ORDER BY chain_seq DESC LIMIT 1""")
                .params(chain, chain, cutoff, chain)
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2)}).optional();
        if (last.isEmpty()) {
            return 0;
        }
        long through = (Long) last.get()[0];
        int rows = jdbc.sql("DELETE FROM audit_logs WHERE chain = ? AND chain_seq <= ?").params(chain, through).update();
        jdbc.sql("""
                        INSERT INTO chain_checkpoints (chain, pruned_through, last_pruned_hash) VALUES (?, ?, ?)
                        ON CONFLICT (chain) DO UPDATE SET pruned_through = EXCLUDED.pruned_through,
                            last_pruned_hash = EXCLUDED.last_pruned_hash, pruned_at = now()""")
                .params(chain, through, last.get()[1]).update();
        log.info("retention: pruned {} rows of chain {} through link {}", rows, chain, through);
        return rows;
    }

    private YearMonth monthOf(String index) {
        String suffix = index.substring(indexPrefix.length() + 1);
        try {
            return YearMonth.parse(suffix, MONTH);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
