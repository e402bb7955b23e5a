package dev.apfa.gateway.edge;

import org.springframework.cloud.gateway.support.ipresolver.XForwardedRemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;

/**
 * Decides who the client is. {@code X-Forwarded-For} is believed only for the number of proxies
 * in front of the gateway that we run ({@code apfa.gateway.trusted-proxies}, 0 by default, i.e.
 * never): SCG's resolver takes the address that many hops from the right, which a client cannot
 * forge. Whatever forwarding headers the client sent are replaced on the way to the service
 * ({@link ProxiedHeaders}), so services (which trust the gateway's X-Forwarded-For) see exactly the
 * address the gateway decided on.
 */
public class ClientAddressFilter implements WebFilter, Ordered {

    public static final String ATTRIBUTE = ClientAddressFilter.class.getName() + ".ip";

    private final XForwardedRemoteAddressResolver resolver;

    public ClientAddressFilter(int trustedProxies) {
        this.resolver = trustedProxies > 0 ? XForwardedRemoteAddressResolver.maxTrustedIndex(trustedProxies) : null;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        InetSocketAddress address = resolver != null ? resolver.resolve(exchange) : exchange.getRequest().getRemoteAddress();
        String ip = address == null || address.getAddress() == null ? "unknown" : address.getAddress().getHostAddress();
        exchange.getAttributes().put(ATTRIBUTE, ip);
        return chain.filter(exchange);
    }

    public static String ipOf(ServerWebExchange exchange) {
        Object ip = exchange.getAttribute(ATTRIBUTE);
        return ip instanceof String value ? value : "unknown";
    }
}
