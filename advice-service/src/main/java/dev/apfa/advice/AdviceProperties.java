package dev.apfa.advice;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings of the advice flow ({@code apfa.advice.*} in application.yml, each with an environment variable).
 *
 * @param cache      Redis answer cache
 * @param retrieval  embedding-service and index-service calls
 * @param bedrock    the Bedrock generator; unset {@code modelId} means the local generator answers
 * @param topics     where audit events, request metrics and index activations travel
 */
@ConfigurationProperties("apfa.advice")
public record AdviceProperties(Cache cache, Retrieval retrieval, Bedrock bedrock, Topics topics) {

    /**
     * @param ttl      how long Redis keeps an answer
     * @param nearTtl  how long this instance keeps an answer it read from or wrote to Redis in memory (0: never)
     * @param nearSize answers kept in memory at most
     */
    public record Cache(boolean enabled, Duration ttl, String prefix, Duration nearTtl, int nearSize) {
    }

    /**
     * @param topK passages asked of index-service (and cited at most)
     */
    public record Retrieval(String embeddingUrl, String indexUrl, int topK, Duration connectTimeout,
                            Duration embedTimeout, Duration searchTimeout) {
    }

    /**
     * @param endpoint       optional endpoint override (a VPC endpoint, or a local server in tests)
     * @param apiCallTimeout bound of one generation including retries
     * @param attemptTimeout bound of one HTTP attempt
     * @param maxAttempts    attempts on throttling (1 = no retry)
     * @param maxConcurrent  bulkhead: concurrent Bedrock calls; a call beyond it gets the local generator
     */
    public record Bedrock(String modelId, String region, String endpoint, Duration apiCallTimeout,
                          Duration attemptTimeout, int maxAttempts, Duration retryBackoff, int maxTokens,
                          float temperature, int maxConcurrent) {

        public boolean configured() {
            return modelId != null && !modelId.isBlank();
        }
    }

    public record Topics(String audit, String metrics, String tasks, String instanceGroup) {
    }
}
