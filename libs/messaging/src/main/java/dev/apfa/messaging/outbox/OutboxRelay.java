package dev.apfa.messaging.outbox;

import dev.apfa.messaging.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox in insertion order, a batch at a time: rows are locked with {@code FOR UPDATE SKIP
 * LOCKED} (several replicas share one table without sending a row twice at the same time), sent, and deleted
 * in the same transaction once Kafka has acknowledged them ({@code acks=all}). When Kafka is unreachable the
 * rows stay and the relay backs off (bounded), so an outage delays events but never drops them.
 * <p>
 * A commit wakes the relay; with {@code apfa.messaging.outbox.wake-delay} above zero it then waits that long before
 * reading, so the events committed meanwhile go out in the same batch (one transaction, one Kafka round trip)
 * instead of one batch per event. Stored rows are sent as they are (no parsing and writing per event).
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    static final String SELECT = "SELECT seq, topic, msg_key, payload FROM event_outbox WHERE attempts < ? "
            + "ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED";
    static final String DELETE = "DELETE FROM event_outbox WHERE seq = ANY (?)";
    static final String FAILED = "UPDATE event_outbox SET attempts = attempts + 1 WHERE seq = ANY (?)";
    static final String VACUUM = "VACUUM event_outbox";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final EventPublisher publisher;
    private final JsonMapper json;
    private final OutboxSettings settings;
    private final Semaphore signal = new Semaphore(0);
    private final Counter published;
    private final Counter failures;
    private volatile Thread worker;
    private volatile boolean running;
    /** Rows deleted since the last VACUUM; only the relay's thread reads and writes it. */
    private long deletedSinceVacuum;

    public OutboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, EventPublisher publisher, JsonMapper json,
                       OutboxSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.json = json;
        this.settings = settings;
        this.published = Counter.builder("apfa.outbox.published").description("Events sent from the outbox").register(meters);
        this.failures = Counter.builder("apfa.outbox.failures").description("Outbox batches that could not be sent").register(meters);
        Gauge.builder("apfa.outbox.pending", this, relay -> relay.count("SELECT count(*) FROM event_outbox"))
                .description("Events waiting in the outbox").register(meters);
        Gauge.builder("apfa.outbox.stuck", this, relay -> relay.count("SELECT count(*) FROM event_outbox WHERE attempts >= "
                        + settings.maxAttempts()))
                .description("Events that failed max-attempts times and wait for an operator").register(meters);
    }

    /** New rows were committed: publish without waiting for the next poll. */
    public void wake() {
        signal.release();
    }

    /**
     * Sends one batch and deletes what Kafka acknowledged; rows that failed stay. A row that failed
     * {@code maxAttempts} times while others were sent is left for an operator ({@code apfa_outbox_stuck}) so
     * it cannot hold up the rows behind it.
     */
    Batch relayBatch() {
        Batch batch = tx.execute(status -> {
            List<Row> rows = jdbc.query(SELECT, (rs, i) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
                    rs.getString(4)), settings.maxAttempts(), settings.batchSize());
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            for (Row row : rows) {
                acks.add(send(row));
            }
            long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
            List<Long> sent = new ArrayList<>();
            List<Long> failed = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                (acknowledged(acks.get(i), deadline) ? sent : failed).add(rows.get(i).seq());
            }
            if (!sent.isEmpty()) {
                jdbc.update(DELETE, (Object) sent.toArray(Long[]::new));
            }
            // Only a row that fails while others go through counts an attempt: when nothing went through,
            // Kafka is down, and an outage must delay events, never park them.
            if (!failed.isEmpty() && !sent.isEmpty()) {
                jdbc.update(FAILED, (Object) failed.toArray(Long[]::new));
            }
            return new Batch(rows.size(), sent.size());
        });
        published.increment(batch.sent());
        if (batch.sent() < batch.read()) {
            failures.increment();
        }
        vacuumWhenDue(batch.sent());
        return batch;
    }

    /** VACUUM (outside any transaction) once {@code vacuum-after} rows were deleted since the last one. */
    private void vacuumWhenDue(int deleted) {
        deletedSinceVacuum += deleted;
        if (settings.vacuumAfter() <= 0 || deletedSinceVacuum < settings.vacuumAfter()) {
            return;
        }
        deletedSinceVacuum = 0;
        try {
            jdbc.execute(VACUUM);
        } catch (RuntimeException e) {
            // Not fatal: the dead rows stay until the next try (or autovacuum, where it runs).
            log.warn("{} failed: {}", VACUUM, e.getMessage());
        }
    }

    /** The stored JSON as it is: only its id and type are read, for the headers. */
    private CompletableFuture<?> send(Row row) {
        try {
            StoredEnvelope envelope = StoredEnvelope.of(json, row.payload());
            return publisher.publishSerialized(row.topic(), row.key(), envelope.id(), envelope.type(), row.payload());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean acknowledged(CompletableFuture<?> ack, long deadline) {
        try {
            ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Outbox event not acknowledged: {}", e.getMessage());
            return false;
        }
    }

    private void loop() {
        Duration backoff = settings.initialBackoff();
        while (running) {
            try {
                Batch batch = relayBatch();
                if (batch.sent() < batch.read()) {
                    if (!pause(backoff)) {
                        return;
                    }
                    backoff = longer(backoff);
                    continue;
                }
                backoff = settings.initialBackoff();
                if (batch.read() < settings.batchSize()) {
                    if (signal.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)
                            && !settings.wakeDelay().isZero() && !pause(settings.wakeDelay())) {
                        return;
                    }
                    signal.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database itself failed: nothing was deleted, try again later.
                failures.increment();
                log.warn("Outbox not read, retrying in {} ms: {}", backoff.toMillis(), e.getMessage());
                if (!pause(backoff)) {
                    return;
                }
                backoff = longer(backoff);
            }
        }
    }

    private Duration longer(Duration backoff) {
        Duration doubled = backoff.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private double count(String sql) {
        try {
            Long count = jdbc.queryForObject(sql, Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread thread = worker;
        if (thread != null) {
            signal.release();
            try {
                thread.join(settings.sendTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops before the Kafka producer and the data source are closed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 100;
    }

    private record Row(long seq, String topic, String key, String payload) {
    }

    record Batch(int read, int sent) {
    }
}
