package dev.apfa.index.query;

import dev.apfa.index.api.BadRequestException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * Embeds a text query through embedding-service ({@code POST /internal/embed}), forwarding the
 * caller's bearer token (embedding-service checks it itself). A refusal of the text itself (400,
 * 422) is the caller's 400; anything else — no connection, a timeout, 5xx, 503 when its query queue
 * is full — means "not now" and becomes {@link EmbeddingUnavailableException}. Those failures feed a
 * circuit breaker ({@link #BREAKER}): while it is open, queries fail at once instead of each waiting
 * for a timeout on a service that is down.
 */
public class QueryEmbedder {

    /** Half of the last 20 calls (at least 10) unavailable opens it for 10 s; 3 trial calls close it again. */
    public static final CircuitBreakerConfig BREAKER = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10)).permittedNumberOfCallsInHalfOpenState(3)
            .recordExceptions(EmbeddingUnavailableException.class)
            .build();

    private final RestClient http;
    private final CircuitBreaker breaker;

    public QueryEmbedder(EmbeddingSettings settings, CircuitBreaker breaker) {
        this.breaker = breaker;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(settings.timeout());
        this.http = RestClient.builder().baseUrl(settings.url().toString()).requestFactory(requests).build();
    }

    public float[] embed(String text, String authorization) {
        try {
            return breaker.executeSupplier(() -> call(text, authorization));
        } catch (CallNotPermittedException e) {
            throw new EmbeddingUnavailableException("embedding-service is failing; retry shortly", e);
        }
    }

    private float[] call(String text, String authorization) {
        EmbedResponse response;
        try {
            response = http.post().uri("/internal/embed")
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.AUTHORIZATION, authorization)
                    .body(Map.of("text", text))
                    .retrieve()
                    .body(EmbedResponse.class);
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)
                    || e.getStatusCode().isSameCodeAs(HttpStatus.UNPROCESSABLE_CONTENT)) {
                throw new BadRequestException("the text could not be embedded");
            }
            throw new EmbeddingUnavailableException("embedding-service refused the query (" + e.getStatusCode().value() + ")", e);
        } catch (RestClientException e) {
            throw new EmbeddingUnavailableException("embedding-service is unavailable; retry shortly", e);
        }
        if (response == null || response.vector() == null || response.vector().length == 0) {
            throw new EmbeddingUnavailableException("embedding-service returned no vector", null);
        }
        return response.vector();
    }

    /** embedding-service's answer: {@code {model, dimensions, vector}}. */
    record EmbedResponse(String model, int dimensions, float[] vector) {
    }
}
