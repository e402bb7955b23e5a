package dev.apfa.advice.bias;

import java.util.List;
import java.util.Locale;

/**
 * The prohibited bases of the Equal Credit Opportunity Act (Regulation B) and the Fair Housing Act that a
 * lending decision must not use. Each carries the values a counterfactual question swaps a mention for; a term
 * of the {@link Lexicon} may bring its own (a spouse is swapped for another spouse, not for "divorced").
 */
public enum ProtectedAttribute {
    RACE("race", List.of("Black", "white", "Asian", "Hispanic", "Native American")),
    COLOR("color", List.of("dark-skinned", "light-skinned", "fair-skinned")),
    RELIGION("religion", List.of("Muslim", "Christian", "Jewish", "Hindu", "atheist")),
    NATIONAL_ORIGIN("national origin", List.of("Mexican", "Irish", "Nigerian", "Chinese", "Indian")),
    SEX("sex", List.of("woman", "man", "nonbinary person")),
    MARITAL_STATUS("marital status", List.of("married", "single", "divorced", "widowed")),
    AGE("age", List.of("young", "elderly", "middle-aged")),
    FAMILIAL_STATUS("familial status", List.of("pregnant", "a parent of three", "childless")),
    DISABILITY("disability", List.of("disabled", "blind", "a wheelchair user")),
    PUBLIC_ASSISTANCE("receipt of public assistance",
            List.of("SSI", "SSDI", "Social Security", "unemployment benefits", "food stamps"));

    private final String label;
    private final List<String> alternatives;

    ProtectedAttribute(String label, List<String> alternatives) {
        this.label = label;
        this.alternatives = alternatives;
    }

    /** Stable identifier in flags and data sets: {@code race}, {@code national_origin}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Plain words for messages. */
    public String label() {
        return label;
    }

    public List<String> alternatives() {
        return alternatives;
    }

    public static ProtectedAttribute fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}
