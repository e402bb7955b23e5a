package dev.apfa.embedding.query;

import dev.apfa.embedding.model.OnnxEmbedder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /internal/embed}: the query vector for advice-service. Internal: the gateway does not
 * route {@code /internal/**}; in deployment a network policy keeps it inside the cluster. Any valid
 * token may call it (libs/security's default rule): advice-service forwards its caller's token.
 */
@RestController
class QueryEmbeddingController {

    private static final long TIMEOUT_SECONDS = 10;

    private final QueryEmbedder embedder;

    QueryEmbeddingController(QueryEmbedder embedder) {
        this.embedder = embedder;
    }

    record EmbedRequest(@NotBlank @Size(max = 8_000) String text) {
    }

    record EmbedResponse(String model, int dimensions, float[] vector) {
    }

    @PostMapping("/internal/embed")
    EmbedResponse embed(@Valid @RequestBody EmbedRequest request) throws InterruptedException {
        try {
            float[] vector = embedder.embed(request.text()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return new EmbedResponse(OnnxEmbedder.MODEL, vector.length, vector);
        } catch (RejectedExecutionException | TimeoutException e) {
            throw new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "Query embedding is saturated; retry shortly."), e);
        } catch (ExecutionException e) {
            throw new ErrorResponseException(HttpStatus.UNPROCESSABLE_CONTENT,
                    ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "The text could not be embedded."), e);
        }
    }
}
