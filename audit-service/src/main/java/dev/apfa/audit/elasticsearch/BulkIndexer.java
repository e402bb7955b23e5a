package dev.apfa.audit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk-creates documents by {@code _id}: a replay finds the document there (409) and leaves it
 * untouched, so it neither duplicates nor rewrites anything. Items the
 * cluster could not take now (429, 5xx) are retried with exponential back-off; items it will never
 * take (mapping errors, 4xx) are returned as rejections for the caller to dead-letter. When the
 * cluster stays unavailable the call throws {@link ElasticsearchUnavailableException}, and the
 * listener's error handler retries the whole poll batch later without committing its offsets.
 */
@Component
public class BulkIndexer {

    private final ElasticsearchClient client;
    private final int maxAttempts;
    private final Duration initialBackOff;

    public BulkIndexer(ElasticsearchClient client,
                       @Value("${apfa.elasticsearch.bulk.max-attempts:5}") int maxAttempts,
                       @Value("${apfa.elasticsearch.bulk.initial-backoff:100ms}") Duration initialBackOff) {
        this.client = client;
        this.maxAttempts = maxAttempts;
        this.initialBackOff = initialBackOff;
    }

    /**
     * @param source the document: a map (or any object) the client's JSON mapper writes, or a
     *               {@link co.elastic.clients.util.BinaryData} of JSON written beforehand, which the
     *               client copies into the bulk body as is
     */
    public record Document(String index, String id, Object source) {
    }

    /** An item Elasticsearch refused for good, with its reason (e.g. a document_parsing_exception). */
    public record Rejection(Document document, int status, String reason) {
    }

    /** @return the documents that were refused for good; every other document is durable when this returns */
    public List<Rejection> index(List<Document> documents) {
        List<Document> pending = documents;
        List<Rejection> rejected = new ArrayList<>();
        Duration backOff = initialBackOff;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            BulkResponse response = send(pending);
            Map<String, Document> byId = new HashMap<>();
            pending.forEach(d -> byId.put(d.index() + "/" + d.id(), d));
            List<Document> retry = new ArrayList<>();
            for (BulkResponseItem item : response.items()) {
                if (item.error() == null || item.status() == 409) {
                    // 409: the document is already there (a redelivery); create never overwrites it.
                    continue;
                }
                Document document = byId.get(item.index() + "/" + item.id());
                if (item.status() == 429 || item.status() >= 500) {
                    retry.add(document);
                } else {
                    rejected.add(new Rejection(document, item.status(),
                            item.error().type() + ": " + item.error().reason()));
                }
            }
            if (!retry.isEmpty() && attempt >= maxAttempts) {
                throw new ElasticsearchUnavailableException(retry.size() + " bulk items still refused after "
                        + attempt + " attempts", null);
            }
            pending = retry;
            if (!retry.isEmpty()) {
                pause(backOff);
                backOff = backOff.multipliedBy(2);
            }
        }
        return rejected;
    }

    private BulkResponse send(List<Document> documents) {
        BulkRequest.Builder bulk = new BulkRequest.Builder();
        for (Document document : documents) {
            bulk.operations(op -> op.create(c -> c.index(document.index()).id(document.id()).document(document.source())));
        }
        try {
            return client.bulk(bulk.build());
        } catch (IOException | RuntimeException e) {
            throw new ElasticsearchUnavailableException("bulk request failed: " + e.getMessage(), e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ElasticsearchUnavailableException("interrupted while backing off", e);
        }
    }
}
