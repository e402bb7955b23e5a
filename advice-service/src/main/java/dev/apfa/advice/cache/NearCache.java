package dev.apfa.advice.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.apfa.advice.flow.AdviceBody;

import java.time.Duration;

/**
 * This instance's in-memory copy of answers recently read from or written to Redis (Caffeine, bounded in size, each
 * kept for a fixed time after it was stored here). Answers are keyed by what they were made from, so a copy is the
 * answer Redis holds; it may outlive its Redis entry by at most the copy's time. A zero time turns it off.
 */
public final class NearCache {

    private final Cache<String, AdviceBody> answers;

    private NearCache(Cache<String, AdviceBody> answers) {
        this.answers = answers;
    }

    public static NearCache of(Duration ttl, int maxSize) {
        if (ttl.isZero() || ttl.isNegative() || maxSize <= 0) {
            return new NearCache(null);
        }
        return new NearCache(Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl).build());
    }

    /** The copy, or null. */
    AdviceBody get(String key) {
        return answers == null ? null : answers.getIfPresent(key);
    }

    void put(String key, AdviceBody body) {
        if (answers != null) {
            answers.put(key, body);
        }
    }
}
