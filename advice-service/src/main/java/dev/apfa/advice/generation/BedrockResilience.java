package dev.apfa.advice.generation;

import dev.apfa.advice.AdviceProperties;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import software.amazon.awssdk.services.bedrockruntime.model.ThrottlingException;

import java.time.Duration;

/** The policies around Bedrock, one place for the service and its tests. */
public final class BedrockResilience {

    public static final String NAME = "bedrock";

    private BedrockResilience() {
    }

    /**
     * Opens when half of the last 10 generations (at least 4) failed or were slow (an attempt hitting its
     * timeout counts as both); stays open 30 s, then lets 2 trial calls through.
     */
    public static CircuitBreakerConfig breaker(AdviceProperties.Bedrock settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .slowCallRateThreshold(50)
                .slowCallDurationThreshold(settings.attemptTimeout())
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(2)
                .build();
    }

    /** Throttling only, with exponential back-off; any other failure goes to the breaker at once. */
    public static RetryConfig retry(AdviceProperties.Bedrock settings) {
        return RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.maxAttempts()))
                .intervalFunction(IntervalFunction.ofExponentialBackoff(settings.retryBackoff(), 2.0))
                .retryOnException(e -> e instanceof ThrottlingException)
                .build();
    }

    /** No waiting for a slot: a call beyond the limit is answered by the local generator at once. */
    public static BulkheadConfig bulkhead(AdviceProperties.Bedrock settings) {
        return BulkheadConfig.custom().maxConcurrentCalls(settings.maxConcurrent()).maxWaitDuration(Duration.ZERO).build();
    }
}
