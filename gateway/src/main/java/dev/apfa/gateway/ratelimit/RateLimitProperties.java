package dev.apfa.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Requests per minute: per signed-in user, per client IP when anonymous, and the stricter per-IP
 * budgets of login and register (password guessing and account farming). 0 disables a bucket.
 * {@code syncInterval}: how often the per-user and per-IP counts of this instance are added to Redis
 * ({@link LocalWindowCounts}); 0 counts them in Redis on every request instead.
 */
@ConfigurationProperties("apfa.gateway.rate-limit")
public record RateLimitProperties(int userPerMinute, int anonymousPerMinute, int loginPerMinute, int registerPerMinute,
                                  Duration syncInterval) {

    public RateLimitProperties {
        syncInterval = syncInterval == null ? Duration.ofMillis(100) : syncInterval;
    }
}
