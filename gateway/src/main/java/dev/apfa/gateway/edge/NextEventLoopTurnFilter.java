package dev.apfa.gateway.edge;

import io.netty.channel.EventLoop;
import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the rest of each request in the next turn of its connection's own event loop (the same thread, no hand-off to
 * another pool). Works around a Reactor Netty 1.3 bug (reactor/reactor-netty#4361, #4347): when a keep-alive request
 * arrives before the previous one's operations have terminated, it is queued, and if that queued request is then
 * answered and terminates within the same call, the connection never reads again; the client waits for ever and no
 * time limit fires. Answers the edge makes itself (401, 403, 404, 413, 429, and since stop 7 every check that needs
 * no Redis read) complete within that call. Deferring them by one turn lets Reactor Netty finish draining its queue
 * first, so it arms the next read when they terminate. Seen as a stalled signed-in request in GatewayIT and with
 * curl sending sequences of requests on one connection (gateway/README.md, "Known issues").
 */
public class NextEventLoopTurnFilter implements WebFilter, Ordered {

    private final Map<EventLoop, Scheduler> schedulers = new ConcurrentHashMap<>();

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest() instanceof AbstractServerHttpRequest request
                && request.getNativeRequest() instanceof Connection connection) {
            EventLoop loop = connection.channel().eventLoop();
            return Mono.defer(() -> chain.filter(exchange))
                    .subscribeOn(schedulers.computeIfAbsent(loop, Schedulers::fromExecutor));
        }
        return chain.filter(exchange);
    }
}
