package dev.apfa.gateway;

import dev.apfa.gateway.edge.BodySizeLimitFilter;
import dev.apfa.gateway.edge.ClientAddressFilter;
import dev.apfa.gateway.edge.NextEventLoopTurnFilter;
import dev.apfa.gateway.edge.ProblemErrorHandler;
import dev.apfa.gateway.edge.ProxiedHeaders;
import dev.apfa.gateway.edge.RequestIdFilter;
import dev.apfa.gateway.edge.UpstreamTimeouts;
import dev.apfa.gateway.ratelimit.FixedWindowLimiter;
import dev.apfa.gateway.ratelimit.LocalWindowCounts;
import dev.apfa.gateway.ratelimit.RateLimitFilter;
import dev.apfa.gateway.ratelimit.RateLimitProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.cloud.gateway.config.GatewayProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The edge filters, in order: request id, next event-loop turn, client address, body size, (security), rate limit; breakers and time limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class EdgeConfiguration {

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    NextEventLoopTurnFilter nextEventLoopTurnFilter() {
        return new NextEventLoopTurnFilter();
    }

    @Bean
    ClientAddressFilter clientAddressFilter(@Value("${apfa.gateway.trusted-proxies:0}") int trustedProxies) {
        return new ClientAddressFilter(trustedProxies);
    }

    @Bean
    ProxiedHeaders proxiedHeadersToService() {
        return ProxiedHeaders.toService();
    }

    @Bean
    ProxiedHeaders proxiedHeadersFromService() {
        return ProxiedHeaders.fromService();
    }

    @Bean
    BodySizeLimitFilter bodySizeLimitFilter(@Value("${apfa.gateway.max-body-size:1MB}") DataSize max) {
        return new BodySizeLimitFilter(max.toBytes());
    }

    @Bean
    FixedWindowLimiter fixedWindowLimiter(ReactiveStringRedisTemplate redis) {
        return new FixedWindowLimiter(redis, Clock.systemUTC());
    }

    /** Per-user and per-IP counts kept here and added to Redis in batches. */
    @Bean
    LocalWindowCounts localWindowCounts(FixedWindowLimiter limiter, RateLimitProperties limits) {
        return new LocalWindowCounts(limiter, limits.syncInterval(), MAX_LOCAL_KEYS);
    }

    /** ~100 bytes each: bounds the memory a flood of distinct client addresses can take within a minute. */
    static final int MAX_LOCAL_KEYS = 100_000;

    @Bean
    RateLimitFilter rateLimitFilter(FixedWindowLimiter limiter, LocalWindowCounts local, RateLimitProperties limits) {
        return new RateLimitFilter(limiter, local, limits);
    }

    @Bean
    ProblemErrorHandler problemErrorHandler() {
        return new ProblemErrorHandler();
    }

    /**
     * Per-route breakers (named after the route in application.yml): open after half of at least
     * 10 calls failed, probe again after 10 s. Their time limiter is off
     * (spring.cloud.circuitbreaker.resilience4j.disable-time-limiter): {@link UpstreamTimeouts} limits
     * each call instead, and its timeout reaches the breaker as a failure like any other.
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> circuitBreakers() {
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom()
                .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10)).build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id).circuitBreakerConfig(breaker).build());
    }

    /** Time limit per call from apfa.gateway.timeout; the advice route gets its own (generation is slow). */
    @Bean
    UpstreamTimeouts upstreamTimeouts(GatewayProperties gateway,
                                      @Value("${apfa.gateway.timeout:10s}") Duration timeout,
                                      @Value("${apfa.gateway.advice-timeout:60s}") Duration adviceTimeout) {
        Map<URI, Duration> own = new HashMap<>();
        gateway.getRoutes().stream().filter(route -> route.getId().equals("advice"))
                .forEach(route -> own.put(route.getUri(), adviceTimeout));
        return new UpstreamTimeouts(timeout, own);
    }
}
