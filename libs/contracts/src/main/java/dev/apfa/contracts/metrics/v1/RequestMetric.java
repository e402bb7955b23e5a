package dev.apfa.contracts.metrics.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * {@code apfa.metrics.request} on {@code metrics-stream}: one handled HTTP request, for the
 * {@code metrics-*} indices and anomaly detection (latency, error rate per service).
 * Schema {@code schemas/request-metric.v1.json}; key: {@code service}.
 *
 * @param route     the route template ({@code /api/advice/{id}}), never the raw path, so ids and
 *                  query strings do not leak into metrics
 * @param cacheHit  advice-service only: answered from the Redis cache
 * @param userId    the caller's user id when signed in
 * @param errorType exception or problem type for 4xx/5xx, e.g. {@code validation}, {@code timeout}
 * @param timingsMs per-stage durations, e.g. {@code embed}, {@code retrieve}, {@code generate}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RequestMetric(
        @JsonProperty("service") String service,
        @JsonProperty("route") String route,
        @JsonProperty("method") String method,
        @JsonProperty("status") int status,
        @JsonProperty("latency_ms") double latencyMs,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("cache_hit") Boolean cacheHit,
        @JsonProperty("user_id") String userId,
        @JsonProperty("error_type") String errorType,
        @JsonProperty("timings_ms") Map<String, Double> timingsMs) {

    public static RequestMetric of(String service, String route, String method, int status, double latencyMs,
                                   String requestId) {
        return new RequestMetric(service, route, method, status, latencyMs, requestId, null, null, null, null);
    }
}
