package dev.apfa.advice.bias;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexiconTest {

    /** text | attribute keys found, space-separated, in attribute order (blank = none). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "I'm a single mother.|marital_status familial_status",
            "As a 35-year-old buyer|age",
            "I'm 62, can I borrow?|age",
            "I'm on SSI.|public_assistance",
            "I also get SSDI and food stamps|public_assistance",
            "I have a Section 8 voucher|public_assistance",
            "I'm an immigrant from Mexico|national_origin",
            "I am pregnant|familial_status",
            "I use a wheelchair|disability",
            "We are a Black family|race",
            "I'm white|race",
            "my dark complexion|color",
            "we go to a mosque|religion",
            "I'm a woman|sex",
            "I'm divorced|marital_status",
            "my husband and I|marital_status",
            "I'm a senior on a fixed income|age",
            "I get Social Security|public_assistance",
            "I'm on disability|disability public_assistance",
            "I'm retired|age",
            "born in 1958|age",
            // ordinary loan talk: nothing
            "a single-family home with a white picket fence|",
            "my social security number is [REDACTED_SSN]|",
            "I pay $400 a month in child support|",
            "I want to polish my credit before applying|",
            "I'm a senior software engineer earning $150,000|",
            "What is the age of the home and the roof?|",
            "houses separated by a fence|",
            "a 30-year fixed at 6% over 360 months|",
            "black mold in the basement|",
            "How much can I borrow on $85,000 a year?|",
            "discrimination based on race or color|race color",
            "Does my color matter?|color",
            "a higher average account age helps your score|",
            "lenders may limit the age or mileage of cars they finance|",
            "inquiries in a short window count as a single inquiry|",
            "Eligible Native American veterans may use a direct VA loan|race",
    })
    void findsProtectedAttributesAndNotOrdinaryLoanTalk(String text, String expected) {
        List<String> want = expected == null ? List.of() : Arrays.asList(expected.trim().split("\\s+"));
        assertThat(BiasChecker.attributesIn(text)).isEqualTo(want);
    }
}
