package dev.apfa.gateway.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests per minute: per signed-in user, per client IP when anonymous, and the stricter per-IP
 * budgets of login and register (password guessing and account farming). 0 disables a bucket.
 */
@ConfigurationProperties("apfa.gateway.rate-limit")
public record RateLimitProperties(int userPerMinute, int anonymousPerMinute, int loginPerMinute, int registerPerMinute) {
}
