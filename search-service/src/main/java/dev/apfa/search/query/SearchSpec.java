package dev.apfa.search.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;

import java.util.List;
import java.util.Map;

/**
 * One search, already checked: the index, the caller's text over the fields it may search, the
 * filters (including the RBAC filter, which the text cannot escape since all are ANDed), one sort
 * field plus a unique tiebreaker so {@code search_after} is stable, and named aggregations.
 */
public record SearchSpec(
        String index,
        String text,
        List<String> textFields,
        List<Query> filters,
        String sortField,
        SortOrder order,
        String tiebreaker,
        int size,
        List<FieldValue> searchAfter,
        Map<String, Aggregation> aggregations) {

    public SearchSpec after(List<FieldValue> position) {
        return new SearchSpec(index, text, textFields, filters, sortField, order, tiebreaker, size, position, Map.of());
    }
}
