package dev.apfa.gateway.edge;

import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import reactor.netty.http.client.HttpClient;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The time limit of each proxied call, enforced by Reactor Netty on the connection's own event loop
 * (its response timeout: no answer byte from the service for that long after the request was sent → the
 * call fails, the route's circuit breaker counts the failure and its fallback answers 503). Replaces the
 * circuit breaker's time limiter, a {@code Mono.timeout} whose timer task went through the parallel
 * scheduler's queue and whose operator scanned the call's operator chain on every request.
 *
 * <p>{@code defaultTimeout} for every service; a service listed in {@code byServiceUri} (its base URI, as
 * the route's {@code uri}) gets its own, chosen per request by the authority of the proxied URL.
 */
public final class UpstreamTimeouts implements HttpClientCustomizer {

    private final Duration defaultTimeout;
    private final Map<String, Duration> byAuthority = new HashMap<>();

    public UpstreamTimeouts(Duration defaultTimeout, Map<URI, Duration> byServiceUri) {
        this.defaultTimeout = defaultTimeout;
        byServiceUri.forEach((uri, timeout) -> {
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
            byAuthority.put(uri.getHost() + ":" + port, timeout);
            if (port == (https ? 443 : 80)) {
                byAuthority.put(uri.getHost(), timeout);
            }
        });
    }

    @Override
    public HttpClient customize(HttpClient client) {
        HttpClient limited = client.responseTimeout(defaultTimeout);
        if (byAuthority.isEmpty()) {
            return limited;
        }
        return limited.doOnRequest((request, connection) -> {
            Duration timeout = timeoutFor(request.resourceUrl());
            if (timeout != defaultTimeout) {
                request.responseTimeout(timeout);
            }
        });
    }

    /** The limit for a proxied URL ({@code scheme://host[:port]/path}). */
    Duration timeoutFor(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return defaultTimeout;
        }
        start += 3;
        int end = url.indexOf('/', start);
        String authority = end < 0 ? url.substring(start) : url.substring(start, end);
        return byAuthority.getOrDefault(authority, defaultTimeout);
    }
}
