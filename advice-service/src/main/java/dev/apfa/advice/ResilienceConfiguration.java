package dev.apfa.advice;

import dev.apfa.advice.generation.BedrockGenerator;
import dev.apfa.advice.generation.BedrockResilience;
import dev.apfa.advice.generation.Generation;
import dev.apfa.advice.generation.LocalGenerator;
import dev.apfa.advice.retrieval.ActiveIndexVersion;
import dev.apfa.advice.retrieval.Retriever;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

/**
 * Remote calls and their policies: retrieval (two breakers) and generation (Bedrock with breaker, bulkhead and
 * retry, or the local generator). Breaker, bulkhead and retry state is exported by resilience4j-micrometer
 * ({@code resilience4j_circuitbreaker_state{name}} …).
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ResilienceConfiguration.class);

    /** Retrieval breakers: half of the last 20 calls (at least 10) failing opens them for 10 s. */
    static final CircuitBreakerConfig RETRIEVAL = CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(10)).permittedNumberOfCallsInHalfOpenState(3)
            .build();

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    BulkheadRegistry bulkheadRegistry(MeterRegistry meters) {
        BulkheadRegistry registry = BulkheadRegistry.ofDefaults();
        TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    RetryRegistry retryRegistry(MeterRegistry meters) {
        RetryRegistry registry = RetryRegistry.ofDefaults();
        TaggedRetryMetrics.ofRetryRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    ActiveIndexVersion activeIndexVersion() {
        return new ActiveIndexVersion();
    }

    @Bean
    Retriever retriever(AdviceProperties properties, CircuitBreakerRegistry breakers, JsonMapper json,
                        ActiveIndexVersion active) {
        return new Retriever(properties.retrieval(), breakers.circuitBreaker("embedding-service", RETRIEVAL),
                breakers.circuitBreaker("index-service", RETRIEVAL), json, active);
    }

    @Bean
    Generation generation(AdviceProperties properties, CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads,
                          RetryRegistry retries, MeterRegistry meters) {
        AdviceProperties.Bedrock settings = properties.bedrock();
        LocalGenerator local = new LocalGenerator();
        if (!settings.configured()) {
            log.info("Bedrock is not configured (APFA_BEDROCK_MODEL_ID unset): the local generator answers");
            return new Generation(local, null, meters);
        }
        // Credentials from the default chain: environment, system properties, profile, container or instance role.
        BedrockRuntimeClient client = BedrockGenerator.client(settings, DefaultCredentialsProvider.builder().build());
        BedrockGenerator bedrock = new BedrockGenerator(client, settings,
                breakers.circuitBreaker(BedrockResilience.NAME, BedrockResilience.breaker(settings)),
                bulkheads.bulkhead(BedrockResilience.NAME, BedrockResilience.bulkhead(settings)),
                retries.retry(BedrockResilience.NAME, BedrockResilience.retry(settings)));
        log.info("Bedrock generator: model {} in {}", settings.modelId(), settings.region());
        return new Generation(local, bedrock, meters);
    }
}
