package dev.apfa.audit.anomaly;

import dev.apfa.contracts.metrics.v1.RequestMetric;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Per service: latency (EWMA z-score of each request against the service's running mean and
 * variance) and error rate (a fast EWMA of 5xx answers against a slow baseline). Nothing fires before
 * {@code warmup} requests of a service, and each series stays quiet for {@code cooldown} after firing.
 */
@Component
public class MetricAnomalyDetector {

    private final AnomalyPublisher publisher;
    private final double zThreshold;
    private final long warmup;
    private final Duration cooldown;
    private final Map<String, Series> series = new HashMap<>();

    MetricAnomalyDetector(AnomalyPublisher publisher,
                          @Value("${apfa.audit.anomaly.metrics.z-threshold:4.0}") double zThreshold,
                          @Value("${apfa.audit.anomaly.metrics.warmup:50}") long warmup,
                          @Value("${apfa.audit.anomaly.metrics.cooldown:5m}") Duration cooldown) {
        this.publisher = publisher;
        this.zThreshold = zThreshold;
        this.warmup = warmup;
        this.cooldown = cooldown;
    }

    public synchronized void observe(String eventId, Instant at, RequestMetric metric) {
        Series s = series.computeIfAbsent(metric.service(), k -> new Series());
        double z = s.latency.zScore(metric.latencyMs());
        if (s.latency.samples() >= warmup && z >= zThreshold && s.quiet("latency", at)) {
            s.quietUntil.put("latency", at.plus(cooldown));
            publisher.raise(new AnomalyPublisher.Anomaly("latency_zscore", "service", metric.service(), eventId,
                    "latency " + Math.round(metric.latencyMs()) + " ms is " + Math.round(z) + " standard deviations above the mean",
                    Map.of("detector", "latency_zscore", "latency_ms", metric.latencyMs(), "mean_ms", s.latency.mean(),
                            "z_score", z, "route", metric.route())));
        }
        s.latency.add(metric.latencyMs());

        double error = metric.status() >= 500 ? 1 : 0;
        s.fastErrors.add(error);
        s.slowErrors.add(error);
        double fast = s.fastErrors.mean();
        double baseline = s.slowErrors.mean();
        if (s.slowErrors.samples() >= warmup && fast >= 0.2 && fast - baseline >= 0.15 && s.quiet("errors", at)) {
            s.quietUntil.put("errors", at.plus(cooldown));
            publisher.raise(new AnomalyPublisher.Anomaly("error_rate", "service", metric.service(), eventId,
                    "error rate " + Math.round(fast * 100) + " % against a baseline of " + Math.round(baseline * 100) + " %",
                    Map.of("detector", "error_rate", "error_rate", fast, "baseline", baseline)));
        }
    }

    private static final class Series {
        final Ewma latency = new Ewma(0.05);
        final Ewma fastErrors = new Ewma(0.2);
        final Ewma slowErrors = new Ewma(0.01);
        final Map<String, Instant> quietUntil = new HashMap<>();

        boolean quiet(String name, Instant at) {
            Instant until = quietUntil.get(name);
            return until == null || at.isAfter(until);
        }
    }
}
