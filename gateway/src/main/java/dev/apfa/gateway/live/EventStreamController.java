package dev.apfa.gateway.live;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.security.Principal;

/**
 * {@code GET /api/events/stream}: the SSE fallback of {@code /ws/events} (admin and up, checked by
 * the security chain with the usual {@code Authorization} header). Each message's data is the same
 * JSON as on the WebSocket, with the event id as SSE id. The stream ends when the token expires or
 * when the client is too slow (it reconnects), and when the gateway stops.
 */
@RestController
class EventStreamController {

    private final LiveEventFeed feed;

    EventStreamController(LiveEventFeed feed) {
        this.feed = feed;
    }

    @GetMapping(path = "/api/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<String>> stream(@RequestParam(name = "batch_id", required = false) String batchId,
                                         Mono<Principal> principal) {
        String batch = LiveClients.batchFilter(batchId);
        // An opening comment sends the response headers at once: without it the client sees its stream
        // open only with the first heartbeat.
        ServerSentEvent<String> opened = ServerSentEvent.<String>builder().comment("connected").build();
        return principal.flatMapMany(caller -> feed.stream(batch)
                .takeUntilOther(LiveClients.tokenExpiry(caller))
                .onErrorResume(SlowClientException.class, slow -> Flux.empty())
                .map(event -> ServerSentEvent.builder(event.json()).build())
                .startWith(opened));
    }
}
