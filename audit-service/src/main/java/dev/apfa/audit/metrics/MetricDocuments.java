package dev.apfa.audit.metrics;

import dev.apfa.audit.elasticsearch.BulkIndexer;
import dev.apfa.contracts.metrics.v1.MetricsSnapshot;
import dev.apfa.contracts.metrics.v1.RequestMetric;
import dev.apfa.messaging.ReceivedEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** A metrics-stream event as a document of the daily index {@code metrics-YYYY.MM.dd} (ECS names where ECS has one). */
@Component
class MetricDocuments {

    static final String REQUEST = "apfa.metrics.request";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

    private final String prefix;

    MetricDocuments(@Value("${apfa.audit.elasticsearch.metrics-prefix:metrics}") String prefix) {
        this.prefix = prefix;
    }

    BulkIndexer.Document of(ReceivedEvent event) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", event.envelope().time().toString());
        Map<String, Object> apfa = new LinkedHashMap<>();
        if (REQUEST.equals(event.type())) {
            RequestMetric m = event.data(RequestMetric.class);
            doc.put("event", Map.of("id", event.id(), "type", "request", "duration", Math.round(m.latencyMs() * 1_000_000)));
            doc.put("service", Map.of("name", m.service()));
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("method", m.method());
            if (m.requestId() != null) {
                request.put("id", m.requestId());
            }
            doc.put("http", Map.of("request", request, "response", Map.of("status_code", m.status()), "route", m.route()));
            if (m.userId() != null) {
                doc.put("user", Map.of("id", m.userId()));
            }
            if (m.errorType() != null) {
                doc.put("error", Map.of("type", m.errorType()));
            }
            apfa.put("latency_ms", m.latencyMs());
            if (m.cacheHit() != null) {
                apfa.put("cache_hit", m.cacheHit());
            }
            if (m.timingsMs() != null) {
                apfa.put("timings_ms", m.timingsMs());
            }
        } else {
            MetricsSnapshot s = event.data(MetricsSnapshot.class);
            doc.put("event", Map.of("id", event.id(), "type", "snapshot"));
            doc.put("service", Map.of("name", s.service(), "node", Map.of("name", s.instance())));
            apfa.put("interval_seconds", s.intervalSeconds());
            apfa.put("gauges", s.gauges());
            apfa.put("counters", s.counters());
        }
        doc.put("apfa", apfa);
        return new BulkIndexer.Document(prefix + "-" + DAY.format(event.envelope().time()), event.id(), doc);
    }
}
