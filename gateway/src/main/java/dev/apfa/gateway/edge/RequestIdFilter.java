package dev.apfa.gateway.edge;

import dev.apfa.support.web.RequestIds;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * First filter of the edge: every request gets an {@code X-Request-Id} (a sane incoming one is
 * kept, see {@link RequestIds}), returned to the client and forwarded to the service
 * ({@link ProxiedHeaders}).
 */
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = RequestIds.HEADER;
    static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String id = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(HEADER));
        exchange.getAttributes().put(ATTRIBUTE, id);
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange);
    }

    public static String idOf(ServerWebExchange exchange) {
        Object id = exchange.getAttribute(ATTRIBUTE);
        return id instanceof String value ? value : RequestIds.acceptOrCreate(null);
    }
}
