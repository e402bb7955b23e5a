package dev.apfa.gateway.ratelimit;

import dev.apfa.gateway.edge.ClientAddressFilter;
import dev.apfa.gateway.edge.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies the budgets of {@link RateLimitProperties} after authentication (so a user is counted by
 * id, wherever they come from). Every answer carries RateLimit-Limit/Remaining/Reset; a refused one
 * is 429 with Retry-After. Login and register are counted in Redis on each request (exact across
 * replicas: these budgets stop password guessing); the per-user and per-IP budgets are counted in
 * memory and added to Redis in batches ({@link LocalWindowCounts}). If Redis is unreachable, login and
 * register go through (logged) and the other budgets are enforced per instance: rate limiting
 * protects capacity, and an outage of it should not become an outage of the API.
 */
public class RateLimitFilter implements WebFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final FixedWindowLimiter limiter;
    private final LocalWindowCounts local;
    private final RateLimitProperties limits;

    public RateLimitFilter(FixedWindowLimiter limiter, LocalWindowCounts local, RateLimitProperties limits) {
        this.limiter = limiter;
        this.local = local;
        this.limits = limits;
    }

    @Override
    public int getOrder() {
        // After Spring Security's WebFilterChainProxy (-100), before routing.
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        // The console's static files are cheap, cached and hold no data: a Redis round trip per
        // asset would cost more than serving it, and a page load must not eat the API budget.
        if (path.startsWith("/actuator") || path.equals("/admin") || path.startsWith("/admin/")) {
            return chain.filter(exchange);
        }
        String ip = ClientAddressFilter.ipOf(exchange);
        boolean post = HttpMethod.POST.equals(exchange.getRequest().getMethod());
        if (post && path.equals("/api/auth/login")) {
            return limit(exchange, chain, "login", ip, limits.loginPerMinute(), false);
        }
        if (post && path.equals("/api/auth/register")) {
            return limit(exchange, chain, "register", ip, limits.registerPerMinute(), false);
        }
        // (Not flatMap + switchIfEmpty: the Mono<Void> of the chain is always empty.)
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> new String[] {"user", principal.getName()})
                .defaultIfEmpty(new String[] {"ip", ip})
                .flatMap(key -> limit(exchange, chain, key[0], key[1],
                        key[0].equals("user") ? limits.userPerMinute() : limits.anonymousPerMinute(), true));
    }

    private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain, String bucket, String id, int limit,
                             boolean batched) {
        if (limit <= 0) {
            return chain.filter(exchange);
        }
        return (batched ? local.hit(bucket, id, limit) : limiter.hit(bucket, id, limit))
                .map(java.util.Optional::of)
                .onErrorResume(error -> {
                    log.warn("Rate limiting skipped, Redis unavailable: {}", error.toString());
                    return Mono.just(java.util.Optional.empty());
                })
                .flatMap(decision -> {
                    if (decision.isEmpty()) {
                        return chain.filter(exchange);
                    }
                    FixedWindowLimiter.Decision d = decision.get();
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set("RateLimit-Limit", Integer.toString(d.limit()));
                    headers.set("RateLimit-Remaining", Long.toString(d.remaining()));
                    headers.set("RateLimit-Reset", Long.toString(d.resetSeconds()));
                    headers.set("RateLimit-Policy", d.limit() + ";w=" + FixedWindowLimiter.WINDOW_SECONDS);
                    if (d.allowed()) {
                        return chain.filter(exchange);
                    }
                    headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, d.resetSeconds())));
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "Too many requests. Retry later.");
                });
    }
}
