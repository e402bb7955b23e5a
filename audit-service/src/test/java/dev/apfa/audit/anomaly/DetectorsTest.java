package dev.apfa.audit.anomaly;

import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.contracts.metrics.v1.RequestMetric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The anomaly rules on event time, without a broker: what fires, once, and what stays quiet. */
class DetectorsTest {

    private final List<AnomalyPublisher.Anomaly> raised = new ArrayList<>();
    private final AnomalyPublisher publisher = new AnomalyPublisher(null, "unused") {
        @Override
        public void raise(Anomaly anomaly) {
            raised.add(anomaly);
        }
    };
    private final Instant t0 = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void burstOfFailedLoginsFiresOncePerUserAndPerIp() {
        FailedLoginDetector detector = new FailedLoginDetector(publisher, 5, Duration.ofSeconds(60));
        List<AuditEntry> burst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            burst.add(failedLogin("casey", "198.51.100.7", t0.plusSeconds(i * 5L)));
        }
        detector.observe(burst);
        assertThat(raised).extracting(AnomalyPublisher.Anomaly::resourceType, AnomalyPublisher.Anomaly::resourceId)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("user", "casey"),
                        org.assertj.core.groups.Tuple.tuple("ip", "198.51.100.7"));
        assertThat(raised.get(0).triggerId()).isEqualTo(burst.get(4).eventId().toString());
    }

    @Test
    void failedLoginsSpreadOverTimeStayQuiet() {
        FailedLoginDetector detector = new FailedLoginDetector(publisher, 5, Duration.ofSeconds(60));
        for (int i = 0; i < 10; i++) {
            detector.observe(List.of(failedLogin("casey", "198.51.100." + i, t0.plusSeconds(i * 30L))));
        }
        assertThat(raised).isEmpty();
    }

    @Test
    void latencyOutlierAfterWarmUpFires() {
        MetricAnomalyDetector detector = new MetricAnomalyDetector(publisher, 4.0, 30, Duration.ofMinutes(5));
        for (int i = 0; i < 40; i++) {
            detector.observe("e" + i, t0.plusSeconds(i), RequestMetric.of("advice-service", "/api/advice", "POST", 200, 100 + (i % 5) * 4, "r"));
        }
        assertThat(raised).isEmpty();
        detector.observe("outlier", t0.plusSeconds(41), RequestMetric.of("advice-service", "/api/advice", "POST", 200, 2000, "r"));
        assertThat(raised).singleElement().satisfies(a -> {
            assertThat(a.detector()).isEqualTo("latency_zscore");
            assertThat(a.resourceId()).isEqualTo("advice-service");
            assertThat(a.triggerId()).isEqualTo("outlier");
        });
    }

    @Test
    void errorBurstFiresOnceWithinTheCooldown() {
        MetricAnomalyDetector detector = new MetricAnomalyDetector(publisher, 4.0, 30, Duration.ofMinutes(5));
        for (int i = 0; i < 100; i++) {
            detector.observe("ok" + i, t0.plusSeconds(i), RequestMetric.of("auth-service", "/api/auth/login", "POST", 200, 50, "r"));
        }
        for (int i = 0; i < 20; i++) {
            detector.observe("err" + i, t0.plusSeconds(100 + i), RequestMetric.of("auth-service", "/api/auth/login", "POST", 503, 50, "r"));
        }
        assertThat(raised).extracting(AnomalyPublisher.Anomaly::detector).containsExactly("error_rate");
    }

    private static AuditEntry failedLogin(String username, String ip, Instant at) {
        return new AuditEntry(UUID.randomUUID(), "apfa.audit.login.failed", at, "/apfa/auth-service", "unknown", username, "",
                "login.failed", "session", "none", "failure", ip, "req", null, "bad credentials", null, null);
    }
}
