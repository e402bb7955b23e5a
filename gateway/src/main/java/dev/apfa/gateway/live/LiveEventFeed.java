package dev.apfa.gateway.live;

import dev.apfa.messaging.EventReader;
import dev.apfa.messaging.PoisonEventException;
import dev.apfa.messaging.ReceivedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The events of task-events and batch-progress as one hot stream, fanned out to every connected
 * admin. Records are checked against their schema (libs/messaging's {@link EventReader}); one that
 * fails is dropped and counted — the gateway only watches these topics, their owners dead-letter.
 * <p>
 * Each client gets its own bounded buffer ({@code client-buffer} messages). A client that lets it
 * fill is disconnected ({@link SlowClientException}) rather than silently losing messages: progress
 * counts are cumulative, but a dropped {@code batch.completed} would leave a console waiting
 * forever; a reconnecting client reloads the state from {@code GET /api/admin/batches}. One slow
 * client never delays the others (the sink is best-effort per subscriber, and every subscriber
 * requests without bound into its own buffer).
 */
public class LiveEventFeed {

    private static final Logger log = LoggerFactory.getLogger(LiveEventFeed.class);

    private final Sinks.Many<LiveEvent> sink = Sinks.many().multicast().directBestEffort();
    private final EventReader reader;
    private final JsonMapper mapper;
    private final int clientBuffer;
    private final Duration heartbeat;
    private final AtomicInteger clients = new AtomicInteger();
    private final Counter dropped;
    private final Counter slowClients;

    public LiveEventFeed(EventReader reader, JsonMapper mapper, LiveEventsProperties properties, MeterRegistry meters) {
        this.reader = reader;
        this.mapper = mapper;
        this.clientBuffer = properties.clientBuffer();
        this.heartbeat = properties.heartbeat();
        meters.gauge("apfa_gateway_live_clients", clients);
        this.dropped = meters.counter("apfa_gateway_live_invalid_events_total");
        this.slowClients = meters.counter("apfa_gateway_live_slow_clients_total");
    }

    /** Called by the Kafka listener for each record of the watched topics. */
    public void accept(String topic, String value) {
        ReceivedEvent event;
        try {
            event = reader.read(value);
        } catch (PoisonEventException e) {
            dropped.increment();
            log.warn("Dropped a record of {} that is not a valid event: {}", topic, e.getMessage());
            return;
        }
        var envelope = event.envelope();
        publish(LiveEvent.of(mapper, envelope.id(), envelope.type(), topic, envelope.time(), envelope.subject(), envelope.data()));
    }

    void publish(LiveEvent event) {
        // FAIL_NON_SERIALIZED cannot happen: the only emitter is the single listener thread.
        sink.tryEmitNext(event);
    }

    /**
     * The stream for one client: events (of one batch when {@code batchId} is given) and a heartbeat
     * when idle, through the client's bounded buffer; errors with {@link SlowClientException} when
     * the buffer overflows, completes when the gateway shuts down.
     */
    public Flux<LiveEvent> stream(String batchId) {
        Flux<LiveEvent> beats = Flux.interval(heartbeat, heartbeat).map(tick -> LiveEvent.heartbeat());
        // Signalled from the overflow callback, i.e. at once, even while the client requests
        // nothing: an error of the buffer itself would only arrive after the client drained it.
        Sinks.Empty<Void> overflowed = Sinks.empty();
        AtomicBoolean slow = new AtomicBoolean();
        return Flux.merge(sink.asFlux().filter(event -> event.concerns(batchId)), beats)
                .takeUntilOther(sink.asFlux().ignoreElements())
                .onBackpressureBuffer(clientBuffer, dropped -> {
                    if (slow.compareAndSet(false, true)) {
                        slowClients.increment();
                        overflowed.tryEmitEmpty();
                    }
                }, BufferOverflowStrategy.DROP_LATEST)
                .takeUntilOther(overflowed.asMono())
                .concatWith(Mono.defer(() -> slow.get() ? Mono.error(new SlowClientException(clientBuffer)) : Mono.empty()))
                .doOnSubscribe(subscription -> clients.incrementAndGet())
                .doFinally(signal -> clients.decrementAndGet());
    }

    public int clients() {
        return clients.get();
    }

    /** Ends every client stream (the gateway is stopping), so connections close cleanly. */
    public void complete() {
        sink.tryEmitComplete();
    }
}
