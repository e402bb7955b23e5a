package dev.apfa.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The samples are the executable half of the contract: consumers' tests parse them too. */
class SampleEventsTest {

    private final EventValidator validator = EventValidator.shared();

    static List<Path> validSamples() {
        return Samples.valid();
    }

    static List<Path> invalidSamples() {
        return Samples.invalid();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void validSampleValidates(Path sample) {
        assertThat(validator.validate(Samples.read(sample))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSamples")
    void validSampleHasTheTypeItsFileNameSays(Path sample) {
        JsonNode event = JsonMapper.shared().readTree(Samples.read(sample));
        assertThat(event.path("type").stringValue()).isEqualTo(Samples.typeOf(sample));
    }

    @Test
    void everyRegisteredTypeHasAValidSample() {
        Set<String> sampled = Samples.valid().stream().map(Samples::typeOf).collect(Collectors.toSet());
        List<String> registered = EventTypes.all().stream().map(EventType::type).toList();

        assertThat(sampled).containsAll(registered);
        assertThat(registered).containsAll(sampled);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSamples")
    void invalidSampleIsRejectedNamingTheProblem(Path sample) {
        String expected = Samples.expectedErrors().get(sample.getFileName().toString());
        assertThat(expected).as("expected error for %s in expected-errors.tsv", sample.getFileName()).isNotNull();

        List<String> errors = validator.validate(Samples.read(sample));

        assertThat(errors).anySatisfy(error -> assertThat(error).contains(expected));
    }

    @Test
    void everyExpectationHasItsSample() {
        Set<String> files = Samples.invalid().stream().map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        assertThat(files).containsExactlyInAnyOrderElementsOf(Samples.expectedErrors().keySet());
    }

    @Test
    void requireValidListsEveryProblem() {
        String json = Samples.read(Samples.invalid().stream()
                .filter(p -> p.getFileName().toString().equals("batch-completed-negative-count.json"))
                .findFirst().orElseThrow())
                .replace("\"source\": \"/apfa/embedding-service\"", "\"source\": \"embedding\"");

        assertThatThrownBy(() -> validator.requireValid(json))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> {
                    assertThat(e.errors()).hasSize(2);
                    assertThat(e.getMessage()).contains("/source:").contains("/data/processed:");
                });
    }

    @Test
    void nullAndEmptyInputAreErrorsNotExceptions() {
        assertThat(validator.validate(null)).containsExactly("/: no JSON content");
        assertThat(validator.validate("  ")).containsExactly("/: no JSON content");
    }

    @Test
    void requireValidAcceptsAValidEvent() {
        validator.requireValid(Samples.read(Samples.valid().get(0)));
    }

    @Test
    void sharedValidatorGivesTheSameAnswersFromManyThreads() throws Exception {
        Map<Path, List<String>> expected = Samples.invalid().stream()
                .collect(Collectors.toMap(p -> p, p -> validator.validate(Samples.read(p))));
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    for (int round = 0; round < 20; round++) {
                        expected.forEach((sample, errors) ->
                                assertThat(validator.validate(Samples.read(sample))).isEqualTo(errors));
                        Samples.valid().forEach(sample -> assertThat(validator.validate(Samples.read(sample))).isEmpty());
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(failures).isEmpty();
    }
}
