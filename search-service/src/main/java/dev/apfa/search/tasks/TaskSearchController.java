package dev.apfa.search.tasks;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.apfa.search.query.Filters;
import dev.apfa.search.query.PageToken;
import dev.apfa.search.query.QueryText;
import dev.apfa.search.query.SearchSpec;
import dev.apfa.search.query.Searcher;
import dev.apfa.search.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/search/tasks} (admin and up): task events, full text over ids and failure messages. */
@RestController
class TaskSearchController {

    static final List<String> TEXT_FIELDS = List.of("message", "task.id", "task.error", "event.type");
    static final Set<String> STATUSES = Set.of("QUEUED", "RUNNING", "COMPLETED", "FAILED");

    private final Searcher searcher;
    private final String index;

    TaskSearchController(Searcher searcher, @Value("${apfa.search.tasks-index:tasks}") String index) {
        this.searcher = searcher;
        this.index = index;
    }

    @GetMapping("/api/search/tasks")
    @PreAuthorize("hasRole('ADMIN')")
    Searcher.Page search(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                         @RequestParam(required = false) String kind, @RequestParam(required = false) String task,
                         @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                         @RequestParam(required = false) String order, @RequestParam(required = false) Integer size,
                         @RequestParam(name = "search_after", required = false) String searchAfter) {
        List<Query> filters = new ArrayList<>();
        if (status != null && !status.isBlank()) {
            String upper = status.strip().toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(upper)) {
                throw Problems.badRequest("status must be one of " + STATUSES);
            }
            filters.add(Filters.term("task.status", upper));
        }
        if (kind != null && !kind.isBlank()) {
            if (!Set.of("batch", "index").contains(kind)) {
                throw Problems.badRequest("kind must be batch or index");
            }
            filters.add(Filters.term("task.kind", kind));
        }
        String id = Filters.keyword("task", task);
        if (id != null) {
            filters.add(Filters.term("task.id", id));
        }
        if (from != null || to != null) {
            filters.add(Filters.range("@timestamp", from, to));
        }
        Map<String, Aggregation> aggregations = Map.of(
                "by_status", Aggregation.of(a -> a.terms(t -> t.field("task.status").size(10))),
                "by_type", Aggregation.of(a -> a.terms(t -> t.field("event.type").size(20))));
        return searcher.search(new SearchSpec(index, QueryText.check(q), TEXT_FIELDS, filters, "@timestamp",
                Filters.order(order), "event.id", Filters.size(size), PageToken.decode(searchAfter, 2), aggregations));
    }
}
