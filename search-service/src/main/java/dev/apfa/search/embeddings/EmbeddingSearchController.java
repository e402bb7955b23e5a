package dev.apfa.search.embeddings;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.apfa.search.query.Filters;
import dev.apfa.search.query.PageToken;
import dev.apfa.search.query.QueryText;
import dev.apfa.search.query.SearchSpec;
import dev.apfa.search.query.Searcher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/search/embeddings} (admin and up): embedding metadata ({@code embeddings-metadata},
 * written by the embedding side; an absent index is an empty result). Fields are the ones that
 * index is expected to carry; text over unknown fields simply matches nothing.
 */
@RestController
class EmbeddingSearchController {

    static final List<String> TEXT_FIELDS = List.of("doc_id", "title", "text", "source_table", "batch_id", "model");

    private final Searcher searcher;
    private final String index;

    EmbeddingSearchController(Searcher searcher,
                              @Value("${apfa.search.embeddings-index:embeddings-metadata}") String index) {
        this.searcher = searcher;
        this.index = index;
    }

    @GetMapping("/api/search/embeddings")
    @PreAuthorize("hasRole('ADMIN')")
    Searcher.Page search(@RequestParam(required = false) String q,
                         @RequestParam(name = "batch_id", required = false) String batchId,
                         @RequestParam(required = false) String model, @RequestParam(required = false) Integer size,
                         @RequestParam(name = "search_after", required = false) String searchAfter) {
        List<Query> filters = new ArrayList<>();
        String batch = Filters.keyword("batch_id", batchId);
        if (batch != null) {
            filters.add(Filters.term("batch_id", batch));
        }
        String modelName = Filters.keyword("model", model);
        if (modelName != null) {
            filters.add(Filters.term("model", modelName));
        }
        return searcher.search(new SearchSpec(index, QueryText.check(q), TEXT_FIELDS, filters, "_score",
                co.elastic.clients.elasticsearch._types.SortOrder.Desc, "doc_id", Filters.size(size),
                PageToken.decode(searchAfter, 2), Map.of()));
    }
}
