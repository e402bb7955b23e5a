package dev.apfa.gateway.ratelimit;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.Duration;

/**
 * A fixed one-minute window per key in Redis (INCR, plus an expiry on the first hit; replicas
 * share the count). Chosen over SCG's RequestRateLimiter because the edge must answer 429 with a problem body,
 * {@code Retry-After} and RateLimit headers, and use different keys and budgets per path; a fixed
 * window allows a burst of 2x at a window edge, which is acceptable for these budgets.
 */
public class FixedWindowLimiter {

    static final long WINDOW_SECONDS = 60;

    private final ReactiveStringRedisTemplate redis;

    public FixedWindowLimiter(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    /** The decision for one request against {@code limit} per minute. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds) {
    }

    public Mono<Decision> hit(String bucket, String id, int limit) {
        long now = Instant.now().getEpochSecond();
        long window = now / WINDOW_SECONDS;
        long reset = (window + 1) * WINDOW_SECONDS - now;
        String key = "apfa:rl:" + bucket + ":" + id + ":" + window;
        return redis.opsForValue().increment(key)
                .flatMap(count -> count == 1
                        // First hit of the window: give the counter its lifetime. If this call were
                        // lost the key would only linger, since the window number is in its name.
                        ? redis.expire(key, Duration.ofSeconds(WINDOW_SECONDS + 1)).thenReturn(count)
                        : Mono.just(count))
                .map(count -> new Decision(count <= limit, limit, Math.max(0, limit - count), reset));
    }
}
