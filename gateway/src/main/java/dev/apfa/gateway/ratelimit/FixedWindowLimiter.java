package dev.apfa.gateway.ratelimit;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * Fixed one-minute windows per key, counted in Redis (INCRBY, plus an expiry when the key is
 * created; replicas share the count). Chosen over SCG's RequestRateLimiter because the edge must
 * answer 429 with a problem body, {@code Retry-After} and RateLimit headers, and use different keys
 * and budgets per path; a fixed window allows a burst of 2x at a window edge, which is acceptable
 * for these budgets.
 *
 * <p>{@link #hit} asks Redis on the request's path (exact across replicas; login and register, where
 * a few extra password guesses matter). {@link LocalWindowCounts} counts the busy general budgets in
 * memory and adds them to the same Redis keys in batches, through {@link #add}.
 */
public class FixedWindowLimiter {

    static final long WINDOW_SECONDS = 60;

    private final ReactiveStringRedisTemplate redis;
    private final Clock clock;

    public FixedWindowLimiter(ReactiveStringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** The decision for one request against {@code limit} per minute, given the window's count so far. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds) {

        static Decision of(long count, int limit, long resetSeconds) {
            return new Decision(count <= limit, limit, Math.max(0, limit - count), resetSeconds);
        }
    }

    /** The current window: its Redis key for {@code bucket}/{@code id} and the seconds until it ends. */
    record Window(String key, long number, long resetSeconds) {
    }

    Window window(String bucket, String id) {
        long now = clock.instant().getEpochSecond();
        long number = now / WINDOW_SECONDS;
        return new Window("apfa:rl:" + bucket + ":" + id + ":" + number, number, (number + 1) * WINDOW_SECONDS - now);
    }

    long currentWindow() {
        return clock.instant().getEpochSecond() / WINDOW_SECONDS;
    }

    /** One request, counted in Redis before the answer. */
    public Mono<Decision> hit(String bucket, String id, int limit) {
        Window window = window(bucket, id);
        return add(window.key(), 1).map(count -> Decision.of(count, limit, window.resetSeconds()));
    }

    /** Adds {@code delta} hits to a window's key; the total of every replica. */
    Mono<Long> add(String key, long delta) {
        return redis.opsForValue().increment(key, delta)
                .flatMap(count -> count == delta
                        // This call created the key: give the counter its lifetime. If this call were
                        // lost the key would only linger, since the window number is in its name.
                        ? redis.expire(key, Duration.ofSeconds(WINDOW_SECONDS + 1)).thenReturn(count)
                        : Mono.just(count));
    }
}
