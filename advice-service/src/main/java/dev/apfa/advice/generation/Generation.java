package dev.apfa.advice.generation;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Chooses the generator: Bedrock when it is configured, the local generator when it is not, when its breaker is
 * open, its bulkhead full, or the call failed. Never throws for a generator failure, so the caller never sees a
 * 5xx because Bedrock is down. Counts {@code apfa_advice_generations_total{generator, fallback}}.
 */
public class Generation {

    private static final Logger log = LoggerFactory.getLogger(Generation.class);

    private final Generator local;
    private final Generator bedrock;
    private final MeterRegistry meters;

    /** @param bedrock null when Bedrock is not configured */
    public Generation(Generator local, Generator bedrock, MeterRegistry meters) {
        this.local = local;
        this.bedrock = bedrock;
        this.meters = meters;
    }

    /** The generator answers are meant to come from: part of the cache key. */
    public String configuredId() {
        return bedrock != null ? bedrock.id() : local.id();
    }

    public GeneratedAnswer generate(GenerationRequest request) {
        if (bedrock != null) {
            try {
                GeneratedAnswer answer = new GeneratedAnswer(bedrock.generate(request), bedrock.id());
                count("bedrock", "none");
                return answer;
            } catch (CallNotPermittedException e) {
                count("local", "breaker_open");
            } catch (BulkheadFullException e) {
                count("local", "bulkhead_full");
            } catch (RuntimeException e) {
                // Class and status only: an exception message could quote the request.
                log.warn("Bedrock generation failed ({}{}); the local generator answers", e.getClass().getSimpleName(),
                        e instanceof SdkServiceException service ? " " + service.statusCode() : "");
                count("local", "error");
            }
        } else {
            count("local", "none");
        }
        return new GeneratedAnswer(local.generate(request), local.id());
    }

    private void count(String generator, String fallback) {
        meters.counter("apfa.advice.generations", "generator", generator, "fallback", fallback).increment();
    }
}
