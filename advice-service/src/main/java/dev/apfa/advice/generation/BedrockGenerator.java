package dev.apfa.advice.generation;

import dev.apfa.advice.AdviceProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

import java.net.URI;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Generation with a Bedrock model through the Converse API. The SDK's own retries are off so that one policy
 * decides: resilience4j retries only throttling, with exponential back-off; the circuit breaker sees each
 * generation's final outcome (so throttled-then-answered counts as a success); the bulkhead caps concurrent
 * calls. Every attempt is bounded by the SDK's attempt timeout. Failures propagate: {@link Generation} then
 * lets the local generator answer.
 */
public class BedrockGenerator implements Generator {

    private final BedrockRuntimeClient client;
    private final String modelId;
    private final InferenceConfiguration inference;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Retry retry;

    public BedrockGenerator(BedrockRuntimeClient client, AdviceProperties.Bedrock settings, CircuitBreaker breaker,
                            Bulkhead bulkhead, Retry retry) {
        this.client = client;
        this.modelId = settings.modelId();
        this.inference = InferenceConfiguration.builder().maxTokens(settings.maxTokens())
                .temperature(settings.temperature()).build();
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.retry = retry;
    }

    /** The SDK client: region, optional endpoint override, timeouts, no SDK retries; credentials as given. */
    public static BedrockRuntimeClient client(AdviceProperties.Bedrock settings, AwsCredentialsProvider credentials) {
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentials)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallTimeout(settings.apiCallTimeout())
                        .apiCallAttemptTimeout(settings.attemptTimeout())
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build());
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        return builder.build();
    }

    @Override
    public String id() {
        return "bedrock:" + modelId;
    }

    @Override
    public String generate(GenerationRequest request) {
        Supplier<String> call = () -> converse(request);
        return Bulkhead.decorateSupplier(bulkhead,
                CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, call))).get();
    }

    private String converse(GenerationRequest request) {
        ConverseResponse response = client.converse(ConverseRequest.builder()
                .modelId(modelId)
                .system(SystemContentBlock.fromText(Prompts.SYSTEM))
                .messages(Message.builder().role(ConversationRole.USER)
                        .content(ContentBlock.fromText(Prompts.user(request))).build())
                .inferenceConfig(inference)
                .build());
        String text = response.output() == null || response.output().message() == null ? ""
                : response.output().message().content().stream()
                .map(ContentBlock::text).filter(part -> part != null && !part.isBlank())
                .collect(Collectors.joining("\n")).strip();
        if (text.isEmpty()) {
            throw new EmptyAnswerException("the model returned no text (stop reason " + response.stopReasonAsString() + ")");
        }
        return text;
    }

    /** A Converse response without text: counts as a failure, the local generator answers. */
    public static class EmptyAnswerException extends RuntimeException {
        EmptyAnswerException(String message) {
            super(message);
        }
    }
}
