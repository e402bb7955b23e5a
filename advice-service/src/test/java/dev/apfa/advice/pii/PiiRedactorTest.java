package dev.apfa.advice.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven over {@code pii/cases.tsv}: input, TAB, expected redacted text (identical when nothing is personal). */
class PiiRedactorTest {

    private final PiiRedactor redactor = new PiiRedactor();

    static List<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(PiiRedactorTest.class.getResourceAsStream("/pii/cases.tsv")),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                cases.add(Arguments.of(cols[0], cols[1]));
            }
        }
        assertThat(cases).hasSizeGreaterThan(60);
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void redactsPersonalDataAndLeavesDecisionNumbers(String input, String expected) {
        Redaction r = redactor.redact(input);
        assertThat(r.text()).isEqualTo(expected);
        assertThat(r.anyFound()).isEqualTo(!input.equals(expected));
        // idempotent: the redacted text holds nothing more to find
        assertThat(redactor.redact(r.text()).found()).isEmpty();
    }

    @Test
    void countsEachKindButNeverKeepsValues() {
        Redaction r = redactor.redact("SSN 900-12-3456 or 900-65-4321, mail a@example.com, card 4111111111111111, "
                + "call 212-555-0147 or 212-555-0199, DOB 1980-03-05, routing 912345675, account 12345678.");
        assertThat(r.found()).isEqualTo(Map.of(PiiType.SSN, 2, PiiType.EMAIL, 1, PiiType.CARD_NUMBER, 1,
                PiiType.PHONE, 2, PiiType.DATE_OF_BIRTH, 1, PiiType.ROUTING_NUMBER, 1, PiiType.BANK_ACCOUNT, 1));
        assertThat(r.text()).doesNotContain("3456", "4321", "example.com", "1111", "0147", "1980", "912345675",
                "12345678");
    }

    @Test
    void nothingFoundIsAnEmptyImmutableMap() {
        Redaction r = redactor.redact("How much house can I afford on $85,000?");
        assertThat(r.found()).isEmpty();
        assertThat(r.anyFound()).isFalse();
        assertThat(redactor.redact(null)).isEqualTo(new Redaction("", Map.of()));
    }

    @Test
    void checksums() {
        assertThat(PiiRedactor.luhn("4111111111111111")).isTrue();
        assertThat(PiiRedactor.luhn("4111111111111112")).isFalse();
        assertThat(PiiRedactor.abaChecksum("912345675")).isTrue(); // 3*(9+3+6) + 7*(1+4+7) + (2+5+5) = 150
        assertThat(PiiRedactor.abaChecksum("123456789")).isFalse();
        assertThat(PiiRedactor.abaChecksum("000000000")).isFalse();
    }
}
