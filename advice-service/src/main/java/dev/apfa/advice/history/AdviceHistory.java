package dev.apfa.advice.history;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code advice.advice_records}: every answer given, cache hits included. */
@Repository
public class AdviceHistory {

    private static final String COLUMNS = "id, user_id, query_redacted, response::text AS response, created_at";

    private final JdbcClient jdbc;

    public AdviceHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void save(AdviceRecord record) {
        jdbc.sql("""
                        INSERT INTO advice_records (id, user_id, query_redacted, response, classification, generator, index_version, trace_id)
                        VALUES (:id, :user, :query, CAST(:response AS jsonb), :classification, :generator, :version, :trace)""")
                .param("id", record.id()).param("user", record.userId()).param("query", record.queryRedacted())
                .param("response", record.responseJson()).param("classification", record.classification())
                .param("generator", record.generator())
                .param("version", record.indexVersion() == null ? null : record.indexVersion().toString())
                .param("trace", record.traceId())
                .update();
    }

    public Optional<Entry> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM advice_records WHERE id = :id").param("id", id)
                .query(AdviceHistory::entry).optional();
    }

    /** Newest first; {@code owner} null means every user's. */
    public List<Entry> page(UUID owner, int page, int size) {
        String where = owner == null ? "" : " WHERE user_id = :owner";
        var statement = jdbc.sql("SELECT " + COLUMNS + " FROM advice_records" + where
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .param("limit", size).param("offset", (long) page * size);
        if (owner != null) {
            statement = statement.param("owner", owner);
        }
        return statement.query(AdviceHistory::entry).list();
    }

    public long count(UUID owner) {
        if (owner == null) {
            return jdbc.sql("SELECT count(*) FROM advice_records").query(Long.class).single();
        }
        return jdbc.sql("SELECT count(*) FROM advice_records WHERE user_id = :owner").param("owner", owner)
                .query(Long.class).single();
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getObject("id", UUID.class), rs.getObject("user_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getString("query_redacted"), rs.getString("response"));
    }

    /** A stored answer; {@code responseJson} is the response body as it was returned. */
    public record Entry(UUID id, UUID userId, Instant createdAt, String query, String responseJson) {
    }
}
