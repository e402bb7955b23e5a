package dev.apfa.gateway.live;

import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.HandshakeInfo;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code WS /ws/events}: live task events and batch progress for admins. The security chain has
 * already checked the token (from the {@code apfa.bearer} subprotocol, see
 * {@link WebSocketBearerTokenConverter}) and the role before the upgrade; this handler selects the
 * {@code apfa.bearer} subprotocol (a browser refuses a handshake that does not answer it) and pushes
 * text messages. Close codes: 1000/1001 when the client or the gateway ends it, 1013 (try again
 * later) for a client too slow to keep up, 4401 when the access token expired (reconnect with a new
 * one), 1008 for a bad {@code batch_id}. Whatever a client sends is ignored.
 */
public class EventsWebSocketHandler implements WebSocketHandler {

    public static final String SUBPROTOCOL = "apfa.bearer";
    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "too slow, reconnect");
    static final CloseStatus TOKEN_EXPIRED = new CloseStatus(4401, "token expired");

    private final LiveEventFeed feed;

    public EventsWebSocketHandler(LiveEventFeed feed) {
        this.feed = feed;
    }

    @Override
    public List<String> getSubProtocols() {
        return List.of(SUBPROTOCOL);
    }

    @Override
    public Mono<Void> handle(WebSocketSession session) {
        HandshakeInfo handshake = session.getHandshakeInfo();
        String batch;
        try {
            batch = LiveClients.batchFilter(UriComponentsBuilder.fromUri(handshake.getUri()).build()
                    .getQueryParams().getFirst("batch_id"));
        } catch (ResponseStatusException e) {
            return session.close(CloseStatus.POLICY_VIOLATION.withReason("batch_id must be a batch id (UUID)"));
        }
        AtomicReference<CloseStatus> reason = new AtomicReference<>(CloseStatus.GOING_AWAY);
        Mono<Void> pushed = handshake.getPrincipal().flatMap(caller -> session.send(feed.stream(batch)
                        .takeUntilOther(LiveClients.tokenExpiry(caller).doOnNext(expired -> reason.set(TOKEN_EXPIRED)))
                        .onErrorResume(SlowClientException.class, slow -> {
                            reason.set(TOO_SLOW);
                            return Flux.empty();
                        })
                        .map(event -> session.textMessage(event.json()))))
                .then(Mono.defer(() -> session.close(reason.get())));
        // The client closing ends the inbound side; either side ending ends the session.
        Mono<Void> closedByClient = session.receive().then();
        return Mono.firstWithSignal(pushed, closedByClient);
    }
}
