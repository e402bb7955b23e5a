package dev.apfa.advice.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apfa.advice.loan.Profile;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DataClassifierTest {

    private final PiiRedactor redactor = new PiiRedactor();
    private final DataClassifier classifier = new DataClassifier();

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', value = {
            "What is private mortgage insurance?|PUBLIC",
            "How do adjustable-rate mortgages reset?|PUBLIC",
            "Can I afford a house?|INTERNAL",
            "What is the payment on a $300,000 loan at 6%?|INTERNAL",
            "I earn $85,000 a year, how much can I borrow?|SENSITIVE",
            "My credit score is 640, is that enough?|SENSITIVE",
            "As a single mother, can I get a mortgage?|SENSITIVE",
            "Do lenders treat immigrants differently?|SENSITIVE",
            "Reach me at jo@example.com about PMI.|SENSITIVE",
            "Call 212-555-0147 with general rates.|SENSITIVE",
            "I was born on 03/05/1980, can I get a 30-year loan?|SENSITIVE",
            "My SSN is 900-12-3456, can I qualify?|RESTRICTED",
            "Use card 4111 1111 1111 1111 for the fee.|RESTRICTED",
            "routing 912345675, is that my bank?|RESTRICTED",
            "What is an account number 12345678 used for?|RESTRICTED",
    })
    void classifiesRequests(String query, Classification expected) {
        assertThat(classifier.classifyRequest(redactor.redact(query), null)).isEqualTo(expected);
    }

    @Test
    void anyProfileFieldMakesARequestSensitive() {
        Profile p = new Profile(null, null, 700, null, null, null, null, null);
        assertThat(classifier.classifyRequest(redactor.redact("What is PMI?"), p)).isEqualTo(Classification.SENSITIVE);
        assertThat(classifier.classifyRequest(redactor.redact("What is PMI?"), Profile.EMPTY))
                .isEqualTo(Classification.PUBLIC);
        assertThat(classifier.classifyRequest(null, null)).isEqualTo(Classification.PUBLIC);
    }

    @Test
    void classifiesAnswers() {
        Profile p = new Profile(new BigDecimal("85000"), new BigDecimal("500"), 720, null, null, null, null, null);
        assertThat(classifier.classifyAnswer("PMI protects the lender when the down payment is small.", p))
                .isEqualTo(Classification.PUBLIC);
        assertThat(classifier.classifyAnswer("You may want to compare several lenders.", p))
                .isEqualTo(Classification.INTERNAL);
        assertThat(classifier.classifyAnswer("Lenders often cap housing costs at 28% of income.", null))
                .isEqualTo(Classification.INTERNAL);
        assertThat(classifier.classifyAnswer("With an income of 85,000 dollars the limit is lower.", p))
                .isEqualTo(Classification.SENSITIVE);
        assertThat(classifier.classifyAnswer("A score of 720 is good.", p)).isEqualTo(Classification.SENSITIVE);
        assertThat(classifier.classifyAnswer("Your payment would be $1,199.10 a month.", null))
                .isEqualTo(Classification.SENSITIVE);
        assertThat(classifier.classifyAnswer("Write to jo@example.com.", null)).isEqualTo(Classification.SENSITIVE);
        assertThat(classifier.classifyAnswer("Your SSN 900-12-3456 is on file.", null))
                .isEqualTo(Classification.RESTRICTED);
        assertThat(classifier.classifyAnswer("", null)).isEqualTo(Classification.PUBLIC);
    }

    @Test
    void maxIsTheHigherClass() {
        assertThat(DataClassifier.max(Classification.INTERNAL, Classification.SENSITIVE))
                .isEqualTo(Classification.SENSITIVE);
        assertThat(DataClassifier.max(Classification.RESTRICTED, Classification.PUBLIC))
                .isEqualTo(Classification.RESTRICTED);
    }
}
