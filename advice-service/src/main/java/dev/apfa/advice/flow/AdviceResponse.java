package dev.apfa.advice.flow;

import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.pii.Classification;

import java.util.List;
import java.util.UUID;

/**
 * Response of {@code POST /api/advice} (snake_case on the wire). A cache hit has the same shape with
 * {@code cached: true}, a new {@code id} (it is recorded in history like any answer) and its own timings.
 */
public record AdviceResponse(UUID id, String advice, List<AdviceBody.Citation> citations, LoanMetrics metrics,
                             AdviceBody.Bias bias, Classification classification, String generator,
                             Integer indexVersion, boolean cached, String retrievalStatus, Latency latencyMs,
                             String traceId) {

    /**
     * Milliseconds. {@code embed}, {@code retrieve}, {@code generate} are the calls to embedding-service,
     * index-service and the generator (0 on a cache hit); everything else of {@code total} is the service's own
     * work ("platform overhead" in bench/advice).
     */
    public record Latency(double total, double embed, double retrieve, double generate) {
    }

    static AdviceResponse of(UUID id, AdviceBody body, boolean cached, Latency latency, String traceId) {
        return new AdviceResponse(id, body.advice(), body.citations(), body.metrics(), body.bias(), body.classification(),
                body.generator(), body.indexVersion(), cached, body.retrievalStatus(), latency, traceId);
    }
}
