package dev.apfa.search.audit;

import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.apfa.search.query.Filters;
import dev.apfa.search.query.PageToken;
import dev.apfa.search.query.QueryText;
import dev.apfa.search.query.SearchSpec;
import dev.apfa.search.query.Searcher;
import dev.apfa.search.web.Problems;
import dev.apfa.security.CurrentUser;
import dev.apfa.security.Role;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@link AuditQuery} and its caller into a search of the {@code audit-logs} alias. The RBAC
 * rule lives here and only here: a caller below admin gets a filter on their own {@code user.id}.
 */
@Service
public class AuditSearch {

    static final List<String> TEXT_FIELDS = List.of("message", "event.action", "event.reason", "user.name", "user.id",
            "resource.type", "resource.id", "http.request.id", "trace.id", "service.name", "event.id");
    static final Set<String> SORT_FIELDS = Set.of("@timestamp", "event.action", "user.name", "apfa.outcome", "service.name");
    static final Set<String> OUTCOMES = Set.of("success", "failure", "denied");

    private final Searcher searcher;
    private final String index;

    AuditSearch(Searcher searcher, @Value("${apfa.search.audit-index:audit-logs}") String index) {
        this.searcher = searcher;
        this.index = index;
    }

    public Searcher.Page page(AuditQuery query, CurrentUser caller) {
        return searcher.search(spec(query, caller, Filters.size(query.size()), aggregations(query.interval())));
    }

    SearchSpec exportSpec(AuditQuery query, CurrentUser caller) {
        return spec(query, caller, Filters.MAX_SIZE, Map.of());
    }

    private SearchSpec spec(AuditQuery query, CurrentUser caller, int size, Map<String, Aggregation> aggregations) {
        List<Query> filters = new ArrayList<>();
        if (!caller.hasAtLeast(Role.ADMIN)) {
            filters.add(Filters.term("user.id", caller.id()));
        }
        String user = Filters.keyword("user", query.user());
        if (user != null) {
            filters.add(Filters.anyTerm(List.of("user.id", "user.name"), user));
        }
        String action = Filters.keyword("action", query.action());
        if (action != null) {
            filters.add(Filters.term("event.action", action));
        }
        if (query.outcome() != null && !query.outcome().isBlank()) {
            String outcome = query.outcome().strip().toLowerCase(Locale.ROOT);
            if (!OUTCOMES.contains(outcome)) {
                throw Problems.badRequest("outcome must be one of " + OUTCOMES);
            }
            filters.add(Filters.term("apfa.outcome", outcome));
        }
        String service = Filters.keyword("service", query.service());
        if (service != null) {
            filters.add(Filters.term("service.name", service));
        }
        if (query.from() != null || query.to() != null) {
            filters.add(Filters.range("@timestamp", query.from(), query.to()));
        }
        return new SearchSpec(index, QueryText.check(query.q()), TEXT_FIELDS, filters,
                Filters.sortField(query.sort(), SORT_FIELDS, "@timestamp"), Filters.order(query.order()), "event.id",
                size, PageToken.decode(query.search_after(), 2), aggregations);
    }

    private static Map<String, Aggregation> aggregations(String interval) {
        CalendarInterval calendar = switch (interval == null ? "day" : interval.toLowerCase(Locale.ROOT)) {
            case "hour" -> CalendarInterval.Hour;
            case "day" -> CalendarInterval.Day;
            case "week" -> CalendarInterval.Week;
            case "month" -> CalendarInterval.Month;
            default -> throw Problems.badRequest("interval must be hour, day, week or month");
        };
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        aggregations.put("by_action", Aggregation.of(a -> a.terms(t -> t.field("event.action").size(50))));
        aggregations.put("by_outcome", Aggregation.of(a -> a.terms(t -> t.field("apfa.outcome").size(10))));
        aggregations.put("over_time", Aggregation.of(a -> a.dateHistogram(h -> h.field("@timestamp")
                .calendarInterval(calendar).minDocCount(1))));
        return aggregations;
    }
}
