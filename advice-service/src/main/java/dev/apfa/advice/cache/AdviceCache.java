package dev.apfa.advice.cache;

import dev.apfa.advice.flow.AdviceBody;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.Optional;

/**
 * Answers in Redis under {@code <prefix><sha-256 key>} with a TTL (600 s by default). Redis trouble is never the
 * caller's: a failed read is a miss, a failed write is skipped (both logged and counted). Counts
 * {@code apfa_advice_cache_total{result=hit|miss|error}}.
 */
public class AdviceCache {

    private static final Logger log = LoggerFactory.getLogger(AdviceCache.class);

    private final StringRedisTemplate redis;
    private final JsonMapper json;
    private final String prefix;
    private final Duration ttl;
    private final boolean enabled;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;

    public AdviceCache(StringRedisTemplate redis, JsonMapper json, String prefix, Duration ttl, boolean enabled,
                       MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.prefix = prefix;
        this.ttl = ttl;
        this.enabled = enabled;
        this.hits = meters.counter("apfa.advice.cache", "result", "hit");
        this.misses = meters.counter("apfa.advice.cache", "result", "miss");
        this.errors = meters.counter("apfa.advice.cache", "result", "error");
    }

    public Optional<AdviceBody> get(String key) {
        if (!enabled) {
            return Optional.empty();
        }
        try {
            String value = redis.opsForValue().get(prefix + key);
            if (value == null) {
                misses.increment();
                return Optional.empty();
            }
            hits.increment();
            return Optional.of(json.readValue(value, AdviceBody.class));
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("advice cache read failed ({}); answering without the cache", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    public void put(String key, AdviceBody body) {
        if (!enabled) {
            return;
        }
        try {
            redis.opsForValue().set(prefix + key, json.writeValueAsString(body), ttl);
        } catch (RuntimeException e) {
            errors.increment();
            log.warn("advice cache write failed ({})", e.getClass().getSimpleName());
        }
    }

    /** A miss that was not looked up (index version not known yet). */
    public void countMiss() {
        if (enabled) {
            misses.increment();
        }
    }
}
