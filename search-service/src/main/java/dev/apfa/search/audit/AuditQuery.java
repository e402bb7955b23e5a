package dev.apfa.search.audit;

import java.time.Instant;

/**
 * The query parameters of {@code /api/search/audit} (snake_case on the wire: {@code search_after}).
 *
 * @param q        text over message, user, action, resource and request id; trailing {@code *} only
 * @param user     a user id or user name
 * @param interval date histogram bucket: hour, day (default), week or month
 * @param format   json (default), ndjson or csv
 */
public record AuditQuery(String q, String user, String action, String outcome, String service,
                         Instant from, Instant to, String sort, String order, Integer size,
                         String search_after, String interval, String format) {
}
