package dev.apfa.search.query;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.DateHistogramBucket;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.SimpleQueryStringFlag;
import co.elastic.clients.elasticsearch.core.SearchRequest;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import dev.apfa.search.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs a {@link SearchSpec} with the typed client and returns one page. */
@Component
public class Searcher {

    /** No fuzzy, near or slop operators: only what a compliance search needs and cannot make expensive. */
    private static final List<SimpleQueryStringFlag> ALLOWED_FLAGS = List.of(SimpleQueryStringFlag.And,
            SimpleQueryStringFlag.Or, SimpleQueryStringFlag.Not, SimpleQueryStringFlag.Phrase, SimpleQueryStringFlag.Prefix,
            SimpleQueryStringFlag.Precedence, SimpleQueryStringFlag.Whitespace, SimpleQueryStringFlag.Escape);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Searcher.class);

    private final ElasticsearchClient client;

    Searcher(ElasticsearchClient client) {
        this.client = client;
    }

    /**
     * @param hits              the documents' {@code _source}, in order
     * @param nextSearchAfter   token for the next page, {@code null} on the last page
     * @param aggregations      name → buckets ({@code key}, {@code count})
     */
    public record Page(long total, List<Map<String, Object>> hits, String nextSearchAfter,
                       Map<String, List<Bucket>> aggregations) {
    }

    public record Bucket(String key, long count) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public Page search(SearchSpec spec) {
        SearchRequest request = SearchRequest.of(s -> {
            s.index(spec.index()).ignoreUnavailable(true).allowNoIndices(true)
                    .size(spec.size()).trackTotalHits(t -> t.enabled(true))
                    .query(query(spec))
                    .sort(o -> "_score".equals(spec.sortField()) ? o.score(sc -> sc.order(spec.order()))
                            : o.field(f -> f.field(spec.sortField()).order(spec.order()).unmappedType(
                            co.elastic.clients.elasticsearch._types.mapping.FieldType.Keyword)))
                    .sort(o -> o.field(f -> f.field(spec.tiebreaker()).order(SortOrder.Asc).unmappedType(
                            co.elastic.clients.elasticsearch._types.mapping.FieldType.Keyword)));
            if (!spec.searchAfter().isEmpty()) {
                s.searchAfter(spec.searchAfter());
            }
            if (!spec.aggregations().isEmpty()) {
                s.aggregations(spec.aggregations());
            }
            return s;
        });
        SearchResponse<Map> response;
        try {
            response = client.search(request, Map.class);
        } catch (IOException | RuntimeException e) {
            log.warn("search of {} failed: {}", spec.index(), e.toString());
            throw Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "search is unavailable, try again shortly");
        }
        List<Map<String, Object>> hits = new ArrayList<>();
        List<FieldValue> last = List.of();
        for (Hit<Map> hit : response.hits().hits()) {
            hits.add((Map<String, Object>) hit.source());
            last = hit.sort();
        }
        String next = hits.size() == spec.size() && !last.isEmpty() ? PageToken.encode(last) : null;
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new Page(total, hits, next, buckets(response.aggregations()));
    }

    private static Query query(SearchSpec spec) {
        return Query.of(q -> q.bool(b -> {
            if (spec.text() != null) {
                b.must(m -> m.simpleQueryString(sq -> sq.query(spec.text()).fields(spec.textFields())
                        .lenient(true).defaultOperator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And)
                        .flags(ALLOWED_FLAGS)));
            }
            spec.filters().forEach(b::filter);
            return b;
        }));
    }

    private static Map<String, List<Bucket>> buckets(Map<String, Aggregate> aggregations) {
        Map<String, List<Bucket>> result = new LinkedHashMap<>();
        aggregations.forEach((name, aggregate) -> {
            List<Bucket> buckets = new ArrayList<>();
            if (aggregate.isSterms()) {
                for (StringTermsBucket b : aggregate.sterms().buckets().array()) {
                    buckets.add(new Bucket(b.key().stringValue(), b.docCount()));
                }
            } else if (aggregate.isDateHistogram()) {
                for (DateHistogramBucket b : aggregate.dateHistogram().buckets().array()) {
                    buckets.add(new Bucket(b.keyAsString() != null ? b.keyAsString() : String.valueOf(b.key()), b.docCount()));
                }
            }
            result.put(name, buckets);
        });
        return result;
    }
}
