package dev.apfa.advice.generation;

import dev.apfa.advice.AdviceProperties;
import dev.apfa.advice.loan.Category;
import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.retrieval.Passage;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Bedrock generator against a local server speaking the Converse wire format: what the SDK sends (path,
 * body shape, SigV4 headers), retries on throttling, and the breaker opening on persistent errors and on slow
 * answers, after which the local generator answers without calling Bedrock at all.
 */
class BedrockGeneratorTest {

    private static final String MODEL = "apfa.test-model-v1";
    private static final String ACCESS_KEY = "AKIDAPFATESTONLY0000";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ConverseStub stub;
    private BedrockRuntimeClient client;
    private CircuitBreaker breaker;
    private Retry retry;
    private SimpleMeterRegistry meters;

    @BeforeEach
    void start() throws Exception {
        stub = new ConverseStub();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        stub.close();
    }

    private Generation generation(Duration attemptTimeout) {
        return generation(attemptTimeout, 4);
    }

    private Generation generation(Duration attemptTimeout, int maxConcurrent) {
        AdviceProperties.Bedrock settings = new AdviceProperties.Bedrock(MODEL, "us-east-1", stub.endpoint(),
                attemptTimeout, attemptTimeout, 3, Duration.ofMillis(10), 800, 0.2f, maxConcurrent);
        client = BedrockGenerator.client(settings,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, "test-only-not-a-real-secret")));
        breaker = CircuitBreaker.of("bedrock", BedrockResilience.breaker(settings));
        retry = Retry.of("bedrock", BedrockResilience.retry(settings));
        BedrockGenerator bedrock = new BedrockGenerator(client, settings, breaker,
                Bulkhead.of("bedrock", BedrockResilience.bulkhead(settings)), retry);
        meters = new SimpleMeterRegistry();
        return new Generation(new LocalGenerator(), bedrock, meters);
    }

    private static GenerationRequest request() {
        LoanMetrics metrics = new LoanMetrics(new BigDecimal("1896.20"), new BigDecimal("0.2528"), new BigDecimal("0.3128"),
                new BigDecimal("0.80"), new BigDecimal("412000.00"), Category.QUALIFIES, List.of("30-year term assumed"));
        List<Passage> passages = List.of(
                new Passage("aff-003", "The 28/36 guideline", "Affordability", "apfa-knowledge/affordability",
                        "A traditional rule of thumb keeps housing costs at or below twenty-eight percent of gross monthly income.", 0.71),
                new Passage("aff-001", "Debt-to-income ratio defined", null, null, null, 0.64));
        return new GenerationRequest("How much house can I afford? Reach me at [REDACTED_EMAIL].", metrics, passages, true);
    }

    @Test
    void sendsASignedConverseRequestWithSystemPromptFiguresAndNumberedPassages() {
        Generation generation = generation(Duration.ofSeconds(5));
        stub.script(ConverseStub.Reply.answer("Keep housing near 28% of income [1]. Educational only."));

        GeneratedAnswer answer = generation.generate(request());

        assertThat(answer.generator()).isEqualTo("bedrock:" + MODEL);
        assertThat(answer.text()).isEqualTo("Keep housing near 28% of income [1]. Educational only.");
        assertThat(stub.requests()).hasSize(1);
        ConverseStub.Recorded sent = stub.requests().get(0);
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/model/" + MODEL + "/converse");

        assertThat(sent.header("Authorization"))
                .matches("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/\\d{8}/us-east-1/bedrock/aws4_request, "
                        + "SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}");
        assertThat(sent.header("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
        assertThat(sent.header("Content-Type")).startsWith("application/json");

        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.has("modelId")).as("the model id travels in the path only").isFalse();
        assertThat(body.path("system").get(0).path("text").asString())
                .contains("Cite every statement", "educational information, not financial advice");
        JsonNode message = body.path("messages").get(0);
        assertThat(message.path("role").asString()).isEqualTo("user");
        String prompt = message.path("content").get(0).path("text").asString();
        assertThat(prompt).contains("[REDACTED_EMAIL]", "$1,896.20", "25.3%", "31.3%", "80.0%", "$412,000.00",
                "QUALIFIES", "30-year term assumed", "[1] The 28/36 guideline (Affordability)",
                "twenty-eight percent", "[2] Debt-to-income ratio defined");
        assertThat(body.path("inferenceConfig").path("maxTokens").asInt()).isEqualTo(800);
        assertThat(body.path("inferenceConfig").path("temperature").asDouble()).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void retriesThrottlingWithBackOffThenAnswers() {
        Generation generation = generation(Duration.ofSeconds(5));
        stub.script(ConverseStub.Reply.answer("After the wait [1]."), ConverseStub.Reply.throttled(), ConverseStub.Reply.throttled());

        GeneratedAnswer answer = generation.generate(request());

        assertThat(answer.generator()).isEqualTo("bedrock:" + MODEL);
        assertThat(answer.text()).isEqualTo("After the wait [1].");
        assertThat(stub.requests()).hasSize(3);
        assertThat(retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void throttlingThatDoesNotStopFallsBackToTheLocalGenerator() {
        Generation generation = generation(Duration.ofSeconds(5));
        stub.script(ConverseStub.Reply.throttled());

        GeneratedAnswer answer = generation.generate(request());

        assertThat(answer.generator()).isEqualTo(LocalGenerator.ID);
        assertThat(stub.requests()).as("three attempts, then give up").hasSize(3);
    }

    @Test
    void persistentServerErrorsOpenTheBreakerAndTheLocalGeneratorAnswersWithoutCallingBedrock() {
        Generation generation = generation(Duration.ofSeconds(5));
        stub.script(ConverseStub.Reply.serverError());

        for (int i = 0; i < 4; i++) {
            GeneratedAnswer answer = generation.generate(request());
            assertThat(answer.generator()).isEqualTo(LocalGenerator.ID);
            assertThat(answer.text()).startsWith(LocalGenerator.LABEL).contains("[1] The 28/36 guideline");
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = stub.requests().size();
        assertThat(callsWhenOpened).as("server errors are not retried").isEqualTo(4);

        for (int i = 0; i < 5; i++) {
            assertThat(generation.generate(request()).generator()).isEqualTo(LocalGenerator.ID);
        }
        assertThat(stub.requests()).as("an open breaker keeps calls away from Bedrock").hasSize(callsWhenOpened);
        assertThat(meters.counter("apfa.advice.generations", "generator", "local", "fallback", "breaker_open").count()).isEqualTo(5);
        assertThat(meters.counter("apfa.advice.generations", "generator", "local", "fallback", "error").count()).isEqualTo(4);
    }

    @Test
    void slowAnswersTimeOutOpenTheBreakerAndTheLocalGeneratorAnswers() {
        Generation generation = generation(Duration.ofMillis(300));
        stub.script(ConverseStub.Reply.slow(3_000));

        for (int i = 0; i < 4; i++) {
            assertThat(generation.generate(request()).generator()).isEqualTo(LocalGenerator.ID);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = stub.requests().size();

        GeneratedAnswer answer = generation.generate(request());
        assertThat(answer.generator()).isEqualTo(LocalGenerator.ID);
        assertThat(answer.text()).contains(LocalGenerator.DISCLAIMER);
        assertThat(stub.requests()).hasSize(callsWhenOpened);
    }

    @Test
    void aCallBeyondTheBulkheadIsAnsweredLocallyAtOnce() throws Exception {
        Generation generation = generation(Duration.ofSeconds(10), 1);
        stub.script(ConverseStub.Reply.slow(1_500));

        var first = java.util.concurrent.CompletableFuture.supplyAsync(() -> generation.generate(request()));
        await().atMost(Duration.ofSeconds(10)).until(() -> stub.requests().size() == 1);

        GeneratedAnswer second = generation.generate(request());

        assertThat(second.generator()).isEqualTo(LocalGenerator.ID);
        assertThat(meters.counter("apfa.advice.generations", "generator", "local", "fallback", "bulkhead_full").count()).isEqualTo(1);
        assertThat(first.get(30, java.util.concurrent.TimeUnit.SECONDS).generator()).isEqualTo("bedrock:" + MODEL);
        assertThat(stub.requests()).hasSize(1);
    }
}
