package dev.apfa.gateway.ratelimit;

import dev.apfa.testkit.MovableClock;
import dev.apfa.gateway.ratelimit.FixedWindowLimiter.Decision;
import dev.apfa.testkit.Infra;
import dev.apfa.testkit.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregation semantics of {@link LocalWindowCounts} on the real Redis of the test kit: exact on
 * one instance, hits added to the shared key by sync, replicas sharing one limit with the documented
 * overshoot (one sync interval of the other replicas' hits), ended windows dropped, and counting
 * continuing on the instance while Redis cannot be reached. Syncs are called directly (no timing).
 */
class LocalWindowCountsIT {

    static LettuceConnectionFactory factory;
    static ReactiveStringRedisTemplate redis;
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-29T00:00:10Z"));

    @BeforeAll
    static void connect() {
        factory = connect(Infra.shared().redisUrl());
        redis = new ReactiveStringRedisTemplate(factory);
    }

    @AfterAll
    static void close() {
        factory.destroy();
    }

    static LettuceConnectionFactory connect(String url) {
        LettuceConnectionFactory created = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(url));
        created.afterPropertiesSet();
        created.start();
        return created;
    }

    LocalWindowCounts instance(ReactiveStringRedisTemplate template) {
        // Never started: the tests call sync() themselves.
        return new LocalWindowCounts(new FixedWindowLimiter(template, clock), Duration.ofMillis(100), 1000);
    }

    String redisCount(String bucket, String id) {
        return redis.opsForValue().get(new FixedWindowLimiter(redis, clock).window(bucket, id).key()).block();
    }

    static Decision hit(LocalWindowCounts counts, String id, int limit) {
        return counts.hit("test", id, limit).block();
    }

    @Test
    void oneInstanceCountsExactlyAndAddsItsHitsToRedisOnSync() {
        LocalWindowCounts counts = instance(redis);
        String id = Infra.uniqueName("one");
        for (int i = 1; i <= 5; i++) {
            Decision decision = hit(counts, id, 5);
            assertThat(decision.allowed()).isTrue();
            assertThat(decision.remaining()).isEqualTo(5 - i);
            assertThat(decision.resetSeconds()).isEqualTo(50);
        }
        assertThat(hit(counts, id, 5).allowed()).isFalse();
        // Only the first hit went to Redis at once; the other five arrive with the sync.
        assertThat(redisCount("test", id)).isEqualTo("1");
        counts.sync().block();
        assertThat(redisCount("test", id)).isEqualTo("6");
        counts.sync().block();
        assertThat(redisCount("test", id)).as("nothing new, nothing added").isEqualTo("6");
        assertThat(redis.getExpire(new FixedWindowLimiter(redis, clock).window("test", id).key()).block())
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(FixedWindowLimiter.WINDOW_SECONDS + 1));
    }

    @Test
    void replicasShareTheLimitThroughRedisWithinOneSyncInterval() {
        LocalWindowCounts a = instance(redis);
        LocalWindowCounts b = instance(redis);
        String id = Infra.uniqueName("shared");
        for (int i = 0; i < 6; i++) {
            assertThat(hit(a, id, 10).allowed()).isTrue();
        }
        a.sync().block();

        // b's first hit asks Redis, so it starts from a's six.
        Decision first = hit(b, id, 10);
        assertThat(first.allowed()).isTrue();
        assertThat(first.remaining()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(hit(b, id, 10).allowed()).isTrue();
        }
        assertThat(hit(b, id, 10).allowed()).as("b's 11th of the window").isFalse();
        b.sync().block();
        assertThat(redisCount("test", id)).isEqualTo("11");

        // The documented overshoot: a has not heard of b's hits since its last sync.
        assertThat(hit(a, id, 10).allowed()).isTrue();
        a.sync().block();
        assertThat(redisCount("test", id)).isEqualTo("12");
        assertThat(hit(a, id, 10).allowed()).as("after a sync, a knows the shared total").isFalse();
    }

    @Test
    void endedWindowsAreDroppedAndTheNextWindowStartsAfresh() {
        LocalWindowCounts counts = instance(redis);
        String id = Infra.uniqueName("window");
        for (int i = 0; i < 3; i++) {
            hit(counts, id, 3);
        }
        assertThat(hit(counts, id, 3).allowed()).isFalse();
        assertThat(counts.trackedKeys()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(FixedWindowLimiter.WINDOW_SECONDS));
        Decision next = hit(counts, id, 3);
        assertThat(next.allowed()).isTrue();
        assertThat(next.remaining()).isEqualTo(2);
        assertThat(counts.trackedKeys()).isEqualTo(2);
        counts.sync().block();
        assertThat(counts.trackedKeys()).as("the ended window is dropped").isEqualTo(1);
        assertThat(redisCount("test", id)).isEqualTo("1");
    }

    @Test
    void withoutRedisTheInstanceStillEnforcesTheLimit() {
        LettuceConnectionFactory closed = connect("redis://127.0.0.1:" + ServiceProcess.freePort());
        try {
            LocalWindowCounts counts = instance(new ReactiveStringRedisTemplate(closed));
            String id = Infra.uniqueName("down");
            for (int i = 0; i < 3; i++) {
                assertThat(hit(counts, id, 3).allowed()).isTrue();
            }
            assertThat(hit(counts, id, 3).allowed()).isFalse();
            counts.sync().block();
            assertThat(hit(counts, id, 3).allowed()).as("hits that could not be sent still count").isFalse();
        } finally {
            closed.destroy();
        }
    }

    @Test
    void aSyncIntervalOfZeroCountsEveryRequestInRedis() {
        LocalWindowCounts counts = new LocalWindowCounts(new FixedWindowLimiter(redis, clock), Duration.ZERO, 1000);
        String id = Infra.uniqueName("zero");
        hit(counts, id, 5);
        hit(counts, id, 5);
        assertThat(redisCount("test", id)).isEqualTo("2");
        assertThat(counts.trackedKeys()).isZero();
    }

}
