package dev.apfa.gateway.live;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** What the WebSocket and SSE endpoints share: the batch filter and the end of the caller's token. */
final class LiveClients {

    private LiveClients() {
    }

    /** The optional {@code batch_id} filter; anything but a UUID (the batch id format) is a 400. */
    static String batchFilter(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(value).toString();
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "batch_id must be a batch id (UUID)");
        }
    }

    /**
     * Fires when the caller's access token expires: a stream authorised by a token must not outlive
     * it, so the client reconnects with a fresh one (and is checked again, roles and logout-all too).
     */
    static Mono<Long> tokenExpiry(Principal principal) {
        Instant expires = principal instanceof JwtAuthenticationToken jwt ? jwt.getToken().getExpiresAt() : null;
        if (expires == null) {
            return Mono.just(0L);
        }
        Duration left = Duration.between(Instant.now(), expires);
        return Mono.delay(left.isNegative() ? Duration.ZERO : left);
    }
}
