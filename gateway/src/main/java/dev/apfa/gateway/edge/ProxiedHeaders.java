package dev.apfa.gateway.edge;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * The edge's headers on proxied calls, applied by SCG when it builds the request to a service and
 * copies the service's response (so no request is rebuilt for them on the way in).
 *
 * <p>To the service: the request id ({@link RequestIdFilter}) and the client address decided by
 * {@link ClientAddressFilter} as the only {@code X-Forwarded-For}; whatever forwarding headers the
 * client sent are dropped, so services (which trust the gateway's X-Forwarded-For) see exactly that
 * address. From the service: its {@code X-Request-Id} is dropped, since the gateway has already set
 * the same id on the response (it would otherwise appear twice).
 */
public final class ProxiedHeaders implements HttpHeadersFilter, Ordered {

    private static final String[] CLIENT_FORWARDING = {"Forwarded", "X-Forwarded-For", "X-Forwarded-Host",
            "X-Forwarded-Port", "X-Forwarded-Proto", "X-Forwarded-Prefix"};

    private final Type type;

    private ProxiedHeaders(Type type) {
        this.type = type;
    }

    public static ProxiedHeaders toService() {
        return new ProxiedHeaders(Type.REQUEST);
    }

    public static ProxiedHeaders fromService() {
        return new ProxiedHeaders(Type.RESPONSE);
    }

    @Override
    public boolean supports(Type type) {
        return type == this.type;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (type == Type.RESPONSE) {
            if (!input.containsHeader(RequestIdFilter.HEADER)) {
                return input;
            }
            HttpHeaders headers = HttpHeaders.copyOf(input);
            headers.remove(RequestIdFilter.HEADER);
            return headers;
        }
        HttpHeaders headers = HttpHeaders.copyOf(input);
        for (String name : CLIENT_FORWARDING) {
            headers.remove(name);
        }
        headers.set("X-Forwarded-For", ClientAddressFilter.ipOf(exchange));
        headers.set(RequestIdFilter.HEADER, RequestIdFilter.idOf(exchange));
        return headers;
    }

    /** Last, after SCG's own (hop-by-hop headers removed). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
