package dev.apfa.messaging.outbox;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code apfa.messaging.outbox.*}: the relay's batch size, poll interval, send timeout, back-off and attempts per event,
 * and {@code wake-delay}: how long the relay waits after a commit woke it before it reads a batch, so that the events of
 * busy moments share one batch (0, the default: at once; events then reach Kafka that much later); and
 * {@code vacuum-after}: after deleting this many sent rows the relay runs {@code VACUUM event_outbox} (0: never). Every
 * row of the table is deleted soon after it is written, and not every PostgreSQL runs autovacuum (the CI machine's
 * does not): without it the table only grows, and with it the relay's reads and the pending gauge scan dead rows.
 */
@ConfigurationProperties("apfa.messaging.outbox")
public record OutboxSettings(@DefaultValue("false") boolean enabled,
                             @DefaultValue("200") int batchSize,
                             @DefaultValue("1s") Duration pollInterval,
                             @DefaultValue("10s") Duration sendTimeout,
                             @DefaultValue("200ms") Duration initialBackoff,
                             @DefaultValue("20") int maxAttempts,
                             @DefaultValue("30s") Duration maxBackoff,
                             @DefaultValue("0ms") Duration wakeDelay,
                             @DefaultValue("10000") int vacuumAfter) {
}
