package dev.apfa.search.query;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import dev.apfa.search.web.Problems;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Small builders for the checked parts of a search request. */
public final class Filters {

    public static final int MAX_SIZE = 500;

    private Filters() {
    }

    public static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    /** A value that may match any of several keyword fields (e.g. user id or user name). */
    public static Query anyTerm(List<String> fields, String value) {
        return Query.of(q -> q.bool(b -> {
            fields.forEach(f -> b.should(term(f, value)));
            return b.minimumShouldMatch("1");
        }));
    }

    public static Query range(String field, Instant from, Instant to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw Problems.badRequest("from must not be after to");
        }
        return Query.of(q -> q.range(r -> r.date(d -> {
            d.field(field);
            if (from != null) {
                d.gte(from.toString());
            }
            if (to != null) {
                d.lt(to.toString());
            }
            return d;
        })));
    }

    public static String sortField(String sort, Set<String> allowed, String fallback) {
        if (sort == null || sort.isBlank()) {
            return fallback;
        }
        if (!allowed.contains(sort)) {
            throw Problems.badRequest("sort must be one of " + allowed);
        }
        return sort;
    }

    public static SortOrder order(String order) {
        if (order == null || order.isBlank()) {
            return SortOrder.Desc;
        }
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "asc" -> SortOrder.Asc;
            case "desc" -> SortOrder.Desc;
            default -> throw Problems.badRequest("order must be asc or desc");
        };
    }

    public static int size(Integer size) {
        if (size == null) {
            return 50;
        }
        if (size < 1 || size > MAX_SIZE) {
            throw Problems.badRequest("size must be between 1 and " + MAX_SIZE);
        }
        return size;
    }

    /** A keyword filter value: bounded, printable, no wildcards (term queries take it literally anyway). */
    public static String keyword(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > 256 || !value.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw Problems.badRequest(name + " is not a valid value");
        }
        return value.strip();
    }
}
