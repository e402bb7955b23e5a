package dev.apfa.search.query;

import dev.apfa.search.web.Problems;

import java.util.regex.Pattern;

/**
 * Checks a caller's query text before it becomes a {@code simple_query_string}. That query type
 * already has no field syntax, no regular expressions and only trailing wildcards; on top of that
 * we refuse what would still be expensive or surprising: leading wildcards, fuzzy and proximity
 * operators, slashes (regex syntax of query_string) and very long input.
 */
public final class QueryText {

    static final int MAX_LENGTH = 256;
    private static final Pattern LEADING_WILDCARD = Pattern.compile("(^|[\\s(+|\\-\"])[*?]");

    private QueryText() {
    }

    /** @return the text, stripped, or {@code null} when there is none */
    public static String check(String q) {
        if (q == null || q.isBlank()) {
            return null;
        }
        String text = q.strip();
        if (text.length() > MAX_LENGTH) {
            throw Problems.badRequest("q is longer than " + MAX_LENGTH + " characters");
        }
        if (LEADING_WILDCARD.matcher(text).find()) {
            throw Problems.badRequest("q must not start a term with a wildcard");
        }
        if (text.indexOf('/') >= 0 || text.indexOf('~') >= 0) {
            throw Problems.badRequest("q must not use regular expressions, fuzzy or proximity operators");
        }
        if (text.indexOf('?') >= 0) {
            throw Problems.badRequest("q supports only a trailing * wildcard");
        }
        return text;
    }
}
