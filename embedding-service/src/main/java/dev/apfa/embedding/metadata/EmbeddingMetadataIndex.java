package dev.apfa.embedding.metadata;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.EmbeddingCodec;
import dev.apfa.lakehouse.EmbeddingRow;
import dev.apfa.lakehouse.Lakehouse;
import io.delta.standalone.actions.AddFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The {@code embeddings-metadata} read model in Elasticsearch (searched by search-service): one
 * document per embedded document and model, {@code _id = <doc id>@<model>}, so a re-run or a
 * redelivered FINALIZE overwrites instead of duplicating. Written when a batch completes, from the
 * {@code embeddings} version the batch produced: the rows this batch embedded — or every row of
 * the version for the batch's source table and model when the index holds fewer documents than
 * the version (first run, or after Elasticsearch was down), so it heals itself.
 * <p>
 * Delta is the system of record; this index is derived. A failure is logged and never fails the
 * batch.
 */
@Component
public class EmbeddingMetadataIndex {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingMetadataIndex.class);
    static final String TEMPLATE = "apfa-embeddings-metadata";
    private static final int BULK_SIZE = 1000;

    private final ElasticsearchClient client;
    private final Lakehouse lakehouse;
    private final String index;
    private volatile boolean templateInstalled;

    EmbeddingMetadataIndex(ElasticsearchClient client, Lakehouse lakehouse,
                           @Value("${apfa.embedding.metadata-index:embeddings-metadata}") String index) {
        this.client = client;
        this.lakehouse = lakehouse;
        this.index = index;
    }

    /** What the indexer needs of a completed batch. */
    public record CompletedBatch(UUID batchId, String sourceTable, String model, long embeddingsVersion, long expectedRows) {
    }

    /**
     * Indexes the metadata of a completed batch; {@code completedAt} maps a batch id to when it
     * completed (the {@code created_at} of its rows). Returns the number of documents written.
     */
    public long indexCompleted(CompletedBatch batch, Function<String, Instant> completedAt) {
        try {
            ensureTemplate();
            boolean full = count(batch) < batch.expectedRows();
            DeltaTable embeddings = lakehouse.table(Lakehouse.EMBEDDINGS);
            Map<String, Instant> times = new HashMap<>();
            List<EmbeddingRow> pending = new ArrayList<>(BULK_SIZE);
            long written = 0;
            for (AddFile file : embeddings.files(batch.embeddingsVersion())) {
                Map<String, String> tags = file.getTags();
                if (tags == null || !batch.sourceTable().equals(tags.get("source_table")) || !batch.model().equals(tags.get("model"))
                        || (!full && !batch.batchId().toString().equals(tags.get("batch_id")))) {
                    continue;
                }
                List<EmbeddingRow> rows = new ArrayList<>();
                embeddings.readFile(file, EmbeddingCodec.KEYS_ONLY, rows::add);
                for (EmbeddingRow row : rows) {
                    pending.add(row);
                    if (pending.size() == BULK_SIZE) {
                        written += bulk(pending, batch.embeddingsVersion(), times, completedAt);
                        pending.clear();
                    }
                }
            }
            written += bulk(pending, batch.embeddingsVersion(), times, completedAt);
            log.info("embeddings-metadata: {} documents of batch {} indexed into {} ({})", written, batch.batchId(), index,
                    full ? "whole version" : "this batch's rows");
            return written;
        } catch (IOException | ElasticsearchException | IllegalStateException e) {
            log.warn("embeddings-metadata not updated for batch {} (the next batch fills it in): {}", batch.batchId(), e.toString());
            return 0;
        }
    }

    private long count(CompletedBatch batch) throws IOException {
        if (!client.indices().exists(e -> e.index(index)).value()) {
            return 0;
        }
        return client.count(c -> c.index(index).query(q -> q.bool(b -> b
                .filter(f -> f.term(t -> t.field("source_table").value(batch.sourceTable())))
                .filter(f -> f.term(t -> t.field("model").value(batch.model())))))).count();
    }

    private long bulk(List<EmbeddingRow> rows, long version, Map<String, Instant> times,
                      Function<String, Instant> completedAt) throws IOException {
        if (rows.isEmpty()) {
            return 0;
        }
        BulkRequest.Builder request = new BulkRequest.Builder();
        for (EmbeddingRow row : rows) {
            Instant created = times.computeIfAbsent(row.batchId(), completedAt);
            request.operations(op -> op.index(i -> i.index(index).id(row.docId() + "@" + row.model()).document(document(row, version, created))));
        }
        BulkResponse response = client.bulk(request.build());
        long failed = 0;
        if (response.errors()) {
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null) {
                    failed++;
                    if (failed == 1) {
                        log.warn("embeddings-metadata: document {} refused: {}", item.id(), item.error().reason());
                    }
                }
            }
        }
        return rows.size() - failed;
    }

    static Map<String, Object> document(EmbeddingRow row, long version, Instant created) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("doc_id", row.docId());
        doc.put("model", row.model());
        doc.put("source_table", row.sourceTable());
        doc.put("source_version", row.sourceVersion());
        doc.put("batch_id", row.batchId());
        doc.put("content_hash", row.contentHash());
        doc.put("embeddings_version", version);
        if (created != null) {
            doc.put("created_at", created.toString());
        }
        return doc;
    }

    /** The owner applies its template at start-up; Elasticsearch being down then is not fatal (retried before indexing). */
    @EventListener(ApplicationReadyEvent.class)
    void installTemplate() {
        try {
            ensureTemplate();
        } catch (IOException | ElasticsearchException | IllegalStateException e) {
            log.warn("index template {} not installed yet: {}", TEMPLATE, e.toString());
        }
    }

    /** PUTs the template (idempotent) once per process, before the index can be created. */
    void ensureTemplate() throws IOException {
        if (templateInstalled) {
            return;
        }
        String body;
        try (InputStream in = new ClassPathResource("elasticsearch/index-templates/" + TEMPLATE + ".json").getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        client.indices().putIndexTemplate(t -> t.name(TEMPLATE).withJson(new StringReader(body)));
        templateInstalled = true;
    }
}
