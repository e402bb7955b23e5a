package dev.apfa.audit.anomaly;

import dev.apfa.audit.chain.AuditEntry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fires when one username or one source IP has {@code threshold} failed logins within
 * {@code window} (event time, so a replay sees the same bursts). Once fired, a key stays quiet
 * for one window. State is in memory: after a restart, the redelivered uncommitted events rebuild
 * it, and older history is not needed for a burst.
 */
@Component
public class FailedLoginDetector {

    private final AnomalyPublisher publisher;
    private final int threshold;
    private final Duration window;
    private final Map<String, Deque<Instant>> recent = new HashMap<>();
    private final Map<String, Instant> quietUntil = new HashMap<>();

    FailedLoginDetector(AnomalyPublisher publisher,
                        @Value("${apfa.audit.anomaly.failed-logins.threshold:5}") int threshold,
                        @Value("${apfa.audit.anomaly.failed-logins.window:60s}") Duration window) {
        this.publisher = publisher;
        this.threshold = threshold;
        this.window = window;
    }

    public synchronized void observe(List<AuditEntry> entries) {
        for (AuditEntry entry : entries) {
            if (!"login.failed".equals(entry.action())) {
                continue;
            }
            if (entry.actorUsername() != null) {
                check("user", entry.actorUsername(), entry);
            }
            if (entry.sourceIp() != null) {
                check("ip", entry.sourceIp(), entry);
            }
        }
        if (recent.size() > 100_000) {
            recent.values().removeIf(Deque::isEmpty);
        }
    }

    private void check(String kind, String value, AuditEntry entry) {
        String key = kind + ":" + value;
        Instant at = entry.occurredAt();
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(at);
        while (!times.isEmpty() && times.peekFirst().isBefore(at.minus(window))) {
            times.removeFirst();
        }
        Instant quiet = quietUntil.get(key);
        if (times.size() >= threshold && (quiet == null || at.isAfter(quiet))) {
            quietUntil.put(key, at.plus(window));
            publisher.raise(new AnomalyPublisher.Anomaly("failed_login_burst", kind, value, entry.eventId().toString(),
                    times.size() + " failed logins within " + window.toSeconds() + " s",
                    Map.of("detector", "failed_login_burst", "count", times.size(),
                            "window_seconds", window.toSeconds(), "threshold", threshold)));
            times.clear();
        }
    }
}
