package dev.apfa.advice.generation;

import dev.apfa.advice.support.ServiceTestBase;
import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flow with the Bedrock generator (a local server speaking Converse): the answer and its citations come from
 * the model, the prompt carries only redacted text, an answer giving a protected attribute as a reason is
 * regenerated or withheld (never returned silently), and a failing Bedrock is answered by the local generator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "apfa.advice.bedrock.model-id=apfa.test-model-v1", "apfa.advice.bedrock.region=us-east-1",
        "apfa.advice.bedrock.attempt-timeout=5s", "apfa.advice.bedrock.api-call-timeout=5s",
        "apfa.advice.bedrock.retry-backoff=10ms", "spring.datasource.hikari.maximum-pool-size=3"})
class BedrockFlowIT extends ServiceTestBase {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ConverseStub BEDROCK = start();
    private static final String FAIR = "Keep housing costs near 28% of your gross income [1]. "
            + "This is educational information, not financial advice.";
    private static final String UNFAIR = "Because you are a woman, lenders will give you a higher rate [1].";

    private static ConverseStub start() {
        // Static test credentials for the SDK's default chain (system properties), for this test JVM only.
        System.setProperty("aws.accessKeyId", "AKIDAPFATESTONLY0000");
        System.setProperty("aws.secretAccessKey", "test-only-not-a-real-secret");
        try {
            return new ConverseStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void bedrock(DynamicPropertyRegistry registry) {
        registry.add("apfa.advice.bedrock.endpoint", BEDROCK::endpoint);
    }

    @AfterAll
    static void stop() {
        BEDROCK.close();
    }

    private JsonNode ask(String query) {
        Http.Response response = advise(user("user"), Map.of("query", query + " (case " + UUID.randomUUID() + ")",
                "profile", affordability()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    @Test
    void theModelAnswersFromARedactedPromptAndItsCitationsAreReturned() {
        BEDROCK.script(ConverseStub.Reply.answer(FAIR));
        int before = BEDROCK.requests().size();

        JsonNode body = ask("How much house can I afford? Write to jane.doe@example.com.");

        assertThat(body.path("generator").asString()).isEqualTo("bedrock:apfa.test-model-v1");
        assertThat(body.path("advice").asString()).isEqualTo(FAIR);
        assertThat(body.path("citations").valueStream().map(c -> c.path("doc_id").asString()).toList()).containsExactly("aff-003");
        assertThat(body.path("bias").path("mitigation").asString()).isEqualTo("none");
        String prompt = JSON.readTree(BEDROCK.requests().get(before).body()).path("messages").get(0)
                .path("content").get(0).path("text").asString();
        assertThat(prompt).contains("[REDACTED_EMAIL]", "The 28/36 guideline").doesNotContain("jane.doe@example.com");
    }

    @Test
    void anAnswerGivingAProtectedAttributeAsAReasonIsRegenerated() {
        BEDROCK.script(ConverseStub.Reply.answer(FAIR), ConverseStub.Reply.answer(UNFAIR));

        JsonNode body = ask("What rate can I expect on a 30-year loan?");

        assertThat(body.path("advice").asString()).isEqualTo(FAIR);
        assertThat(body.path("bias").path("passed").asBoolean()).isTrue();
        assertThat(body.path("bias").path("mitigation").asString()).isEqualTo("regenerated");
    }

    @Test
    void anAnswerThatFailsTwiceIsWithheldWithAnExplanation() {
        BEDROCK.script(ConverseStub.Reply.answer(UNFAIR));

        JsonNode body = ask("What rate can I expect on a 15-year loan?");

        assertThat(body.path("advice").asString()).startsWith("APFA withheld this answer").doesNotContain(UNFAIR);
        assertThat(body.path("citations").isEmpty()).isTrue();
        assertThat(body.path("bias").path("passed").asBoolean()).isFalse();
        assertThat(body.path("bias").path("mitigation").asString()).isEqualTo("withheld");
        assertThat(body.path("bias").path("flags").valueStream().map(f -> f.path("kind").asString()).toList())
                .contains("ANSWER_REASON");
        assertThat(body.path("metrics").path("monthly_payment").isNumber()).isTrue();
    }

    @Test
    void aFailingModelIsAnsweredByTheLocalGeneratorNeverA5xx() {
        BEDROCK.script(ConverseStub.Reply.serverError());

        JsonNode body = ask("Should I refinance now?");

        assertThat(body.path("generator").asString()).isEqualTo("local");
        assertThat(body.path("advice").asString()).startsWith(LocalGenerator.LABEL);
    }
}
