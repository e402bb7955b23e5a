package dev.apfa.gateway.live;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the gateway finds the access token: the {@code Authorization} header, as everywhere; and,
 * for the WebSocket handshake of {@code /ws/events} only (a browser's WebSocket cannot set headers),
 * the subprotocol pair {@code Sec-WebSocket-Protocol: apfa.bearer, <token>}. Chosen over an
 * {@code access_token} query parameter because URLs end up in access logs, proxies and browser
 * history, while this header is not logged; the token is then checked exactly like a header token.
 */
public class WebSocketBearerTokenConverter implements ServerAuthenticationConverter {

    static final String WEBSOCKET_PATH = "/ws/events";

    private final ServerBearerTokenAuthenticationConverter headers = new ServerBearerTokenAuthenticationConverter();

    @Override
    public Mono<Authentication> convert(ServerWebExchange exchange) {
        HttpHeaders requestHeaders = exchange.getRequest().getHeaders();
        if (requestHeaders.containsHeader(HttpHeaders.AUTHORIZATION) || !isHandshake(exchange)) {
            return headers.convert(exchange);
        }
        String token = subprotocolToken(requestHeaders.getValuesAsList("Sec-WebSocket-Protocol"));
        return token == null ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(token));
    }

    private static boolean isHandshake(ServerWebExchange exchange) {
        return WEBSOCKET_PATH.equals(exchange.getRequest().getPath().value())
                && "websocket".equalsIgnoreCase(exchange.getRequest().getHeaders().getUpgrade());
    }

    /** The value right after {@code apfa.bearer} in the offered subprotocols, or null. */
    static String subprotocolToken(List<String> offered) {
        List<String> values = new ArrayList<>();
        for (String header : offered) {
            for (String value : header.split(",")) {
                values.add(value.trim());
            }
        }
        int marker = values.indexOf(EventsWebSocketHandler.SUBPROTOCOL);
        return marker >= 0 && marker + 1 < values.size() && !values.get(marker + 1).isEmpty() ? values.get(marker + 1) : null;
    }
}
