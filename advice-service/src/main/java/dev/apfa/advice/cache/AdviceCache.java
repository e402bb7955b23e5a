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
 * Answers in Redis under {@code <prefix><sha-256 key>} with a TTL (600 s by default), and the ones this instance
 * recently read or wrote also in memory ({@link NearCache}, 30 s by default), so a repeated question costs no Redis
 * round trip and no JSON parsing. Redis trouble is never the caller's: a failed read is a miss, a failed write is
 * skipped (both logged and counted). Counts {@code apfa_advice_cache_total{result=hit|miss|error}} (a hit from
 * memory is a hit).
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
    private final NearCache near;

    public AdviceCache(StringRedisTemplate redis, JsonMapper json, String prefix, Duration ttl, boolean enabled,
                       MeterRegistry meters, NearCache near) {
        this.redis = redis;
        this.json = json;
        this.prefix = prefix;
        this.ttl = ttl;
        this.enabled = enabled;
        this.hits = meters.counter("apfa.advice.cache", "result", "hit");
        this.misses = meters.counter("apfa.advice.cache", "result", "miss");
        this.errors = meters.counter("apfa.advice.cache", "result", "error");
        this.near = near;
    }

    public Optional<AdviceBody> get(String key) {
        if (!enabled) {
            return Optional.empty();
        }
        AdviceBody copy = near.get(key);
        if (copy != null) {
            hits.increment();
            return Optional.of(copy);
        }
        try {
            String value = redis.opsForValue().get(prefix + key);
            if (value == null) {
                misses.increment();
                return Optional.empty();
            }
            AdviceBody body = json.readValue(value, AdviceBody.class);
            hits.increment();
            near.put(key, body);
            return Optional.of(body);
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
            near.put(key, body);
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
