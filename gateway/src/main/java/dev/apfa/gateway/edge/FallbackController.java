package dev.apfa.gateway.edge;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Where an open circuit breaker or a timed-out call is forwarded: 503 problem+json. */
@RestController
class FallbackController {

    @RequestMapping("/fallback/unavailable")
    Mono<Void> unavailable(ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("Retry-After", "10");
        return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "The service is unavailable. Retry later.");
    }
}
