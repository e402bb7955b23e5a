package dev.apfa.gateway.live;

import dev.apfa.contracts.EventValidator;
import dev.apfa.messaging.EventReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The fan-out's rules without Kafka: bounded buffer per client, invalid records dropped, clean end. */
class LiveEventFeedTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    final LiveEventFeed feed = new LiveEventFeed(new EventReader(JSON, new EventValidator()), JSON,
            new LiveEventsProperties("t", "p", 4, Duration.ofHours(1)), new SimpleMeterRegistry());

    /** Requests {@code demand} messages and then nothing: a client whose socket stopped draining. */
    static final class Client extends BaseSubscriber<LiveEvent> {
        final List<LiveEvent> received = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final AtomicBoolean completed = new AtomicBoolean();
        final long demand;

        Client(long demand) {
            this.demand = demand;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (demand > 0) {
                request(demand);
            }
        }

        @Override
        protected void hookOnNext(LiveEvent value) {
            received.add(value);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
        }

        @Override
        protected void hookOnComplete() {
            completed.set(true);
        }
    }

    static LiveEvent event(int i) {
        return new LiveEvent("apfa.batch.progress", "b", "{\"n\":" + i + "}");
    }

    @Test
    void aStalledClientIsCutOffWithoutHoldingUpTheOthers() {
        Client stalled = new Client(0);
        Client fast = new Client(Long.MAX_VALUE);
        feed.stream(null).subscribe(stalled);
        feed.stream(null).subscribe(fast);
        assertThat(feed.clients()).isEqualTo(2);
        for (int i = 0; i < 4; i++) {
            feed.publish(event(i));
        }
        assertThat(stalled.error.get()).as("a full buffer is not yet an overflow").isNull();
        feed.publish(event(4));
        assertThat(stalled.error.get()).isInstanceOf(SlowClientException.class);
        for (int i = 5; i < 10; i++) {
            feed.publish(event(i));
        }
        assertThat(fast.received).hasSize(10);
        assertThat(fast.error.get()).isNull();
        assertThat(feed.clients()).isEqualTo(1);
    }

    @Test
    void invalidRecordsAreDroppedAndValidOnesBecomeMessages() {
        Client client = new Client(Long.MAX_VALUE);
        feed.stream(null).subscribe(client);
        feed.accept("p", "not json");
        feed.accept("p", "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/apfa/x\",\"type\":\"apfa.nope\"}");
        assertThat(client.received).isEmpty();
        String valid = "{\"specversion\":\"1.0\",\"id\":\"0b5d1f0e-8a43-4d84-9d6c-1c0f3b1e2a77\",\"source\":\"/apfa/embedding-service\","
                + "\"type\":\"apfa.batch.progress\",\"time\":\"2026-11-28T20:00:00Z\",\"subject\":\"b1\","
                + "\"datacontenttype\":\"application/json\",\"dataschema\":\"urn:apfa:schema:batch-progress:v1\","
                + "\"data\":{\"batch_id\":\"b1\",\"processed\":10,\"failed\":0,\"total\":20,\"docs_per_second\":5.0,\"eta_seconds\":2}}";
        feed.accept("p", valid);
        assertThat(client.received).singleElement().satisfies(event -> {
            assertThat(event.batchId()).isEqualTo("b1");
            assertThat(JSON.readTree(event.json()).path("time").asString()).isEqualTo("2026-11-28T20:00:00Z");
            assertThat(JSON.readTree(event.json()).path("data").path("processed").asLong()).isEqualTo(10);
        });
    }

    @Test
    void aBatchFilterKeepsOneBatchAndStreamsEndWhenTheGatewayStops() {
        Client one = new Client(Long.MAX_VALUE);
        feed.stream("b2").subscribe(one);
        feed.publish(new LiveEvent("apfa.batch.progress", "b1", "{}"));
        feed.publish(new LiveEvent("apfa.batch.progress", "b2", "{}"));
        feed.publish(new LiveEvent("apfa.index.activated", null, "{}"));
        assertThat(one.received).extracting(LiveEvent::batchId).containsExactly("b2");
        feed.complete();
        assertThat(one.completed).isTrue();
        assertThat(feed.clients()).isZero();
    }
}
