package dev.apfa.contracts.metrics.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * {@code apfa.metrics.snapshot} on {@code metrics-stream}: periodic gauges and counters of one
 * service instance. Schema {@code schemas/metrics-snapshot.v1.json}; key: {@code service}.
 *
 * @param instance        which replica (host name or pod name), since one service may run several
 * @param intervalSeconds seconds since this instance's previous snapshot
 * @param gauges          point-in-time values, e.g. {@code jvm_heap_used_bytes}, {@code kafka_consumer_lag}
 * @param counters        monotonically increasing totals since start, e.g. {@code requests_total};
 *                        doubles because Micrometer counters are
 */
public record MetricsSnapshot(
        @JsonProperty("service") String service,
        @JsonProperty("instance") String instance,
        @JsonProperty("interval_seconds") int intervalSeconds,
        @JsonProperty("gauges") Map<String, Double> gauges,
        @JsonProperty("counters") Map<String, Double> counters) {
}
