package dev.apfa.gateway.edge;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway raises itself (no route, method, body, upstream failure) as problem+json
 * with the request id; anything unexpected is a generic 500 whose cause goes to the log only.
 * Runs before Boot's default handler (order -1).
 */
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        HttpStatus status = statusOf(ex);
        if (status.is5xxServerError() && status != HttpStatus.SERVICE_UNAVAILABLE && status != HttpStatus.GATEWAY_TIMEOUT) {
            log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        }
        return Problems.write(exchange, status, detailOf(status));
    }

    private static HttpStatus statusOf(Throwable ex) {
        if (ex instanceof ResponseStatusException rse) {
            HttpStatusCode code = rse.getStatusCode();
            HttpStatus status = HttpStatus.resolve(code.value());
            return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
        }
        if (ex instanceof java.net.ConnectException || ex.getCause() instanceof java.net.ConnectException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (ex instanceof java.util.concurrent.TimeoutException) {
            return HttpStatus.GATEWAY_TIMEOUT;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    private static String detailOf(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "No such resource.";
            case SERVICE_UNAVAILABLE -> "The service is unavailable. Retry later.";
            case GATEWAY_TIMEOUT -> "The service did not answer in time.";
            case CONTENT_TOO_LARGE -> "The request body is too large.";
            case INTERNAL_SERVER_ERROR -> "The request could not be completed. Quote the request id when reporting this.";
            default -> status.getReasonPhrase() + ".";
        };
    }
}
