package dev.apfa.advice.pii;

import dev.apfa.advice.bias.BiasChecker;
import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.loan.Profile;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Classifies a request (from what was redacted and the profile) and an answer.
 *
 * <p>Request, highest rule wins:
 * <ul>
 *   <li>RESTRICTED: a government id or financial account data was in it (SSN/ITIN, card, bank account or
 *       routing number), even though it has been redacted: the raw request was restricted data;</li>
 *   <li>SENSITIVE: contact data or a date of birth was in it; or it carries the person's finances (any profile
 *       field, or figures the decision reads from a first-person question: "I earn $85,000"); or it mentions a
 *       protected attribute;</li>
 *   <li>INTERNAL: about the asker's own situation (first person) or with hypothetical figures, but nothing above;</li>
 *   <li>PUBLIC: a general question ("What is PMI?").</li>
 * </ul>
 * Answer: RESTRICTED if the redactor finds a government id or account data in it (defence in depth; inputs are
 * redacted already); SENSITIVE if it finds contact data or a date of birth, repeats a figure of the profile
 * (income, debts, loan, price, down payment, credit score), or states money or percentages to the person
 * ("your payment would be $1,199.10"); INTERNAL if it addresses the person or states figures; PUBLIC otherwise.
 * A caller wanting one class for the exchange takes {@link #max}.
 */
public class DataClassifier {

    private static final Set<PiiType> RESTRICTED_TYPES =
            EnumSet.of(PiiType.SSN, PiiType.CARD_NUMBER, PiiType.BANK_ACCOUNT, PiiType.ROUTING_NUMBER);
    private static final Set<PiiType> SENSITIVE_TYPES =
            EnumSet.of(PiiType.EMAIL, PiiType.PHONE, PiiType.DATE_OF_BIRTH);

    private static final Pattern FIRST_PERSON =
            Pattern.compile("\\b(?:i|i'm|i’m|i've|i’ve|i'd|me|my|mine|we|we're|we’re|our|us)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern SECOND_PERSON =
            Pattern.compile("\\b(?:you|your|you're|you’re|yours)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern FIGURE = Pattern.compile("\\$\\s?\\d|\\d\\s?%|\\d\\s?percent\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER = Pattern.compile("(?<![\\w.])\\d{1,3}(?:,\\d{3}){1,6}(?:\\.\\d+)?|(?<![\\w.,])\\d+(?:\\.\\d+)?");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");

    private final PiiRedactor redactor;
    private final DecisionEngine decisions;

    public DataClassifier() {
        this(new PiiRedactor(), new DecisionEngine());
    }

    public DataClassifier(PiiRedactor redactor, DecisionEngine decisions) {
        this.redactor = redactor;
        this.decisions = decisions;
    }

    public Classification classifyRequest(Redaction query, Profile profile) {
        Map<PiiType, Integer> found = query == null ? Map.of() : query.found();
        String text = query == null || query.text() == null ? "" : query.text();
        if (found.keySet().stream().anyMatch(RESTRICTED_TYPES::contains)) {
            return Classification.RESTRICTED;
        }
        boolean firstPerson = FIRST_PERSON.matcher(text).find();
        boolean figures = !decisions.complete(text, null).fromQuestion().isEmpty();
        if (found.keySet().stream().anyMatch(SENSITIVE_TYPES::contains)
                || hasAnyField(profile)
                || (firstPerson && figures)
                || !BiasChecker.attributesIn(text).isEmpty()) {
            return Classification.SENSITIVE;
        }
        return firstPerson || figures ? Classification.INTERNAL : Classification.PUBLIC;
    }

    public Classification classifyAnswer(String answer, Profile profile) {
        if (answer == null || answer.isBlank()) {
            return Classification.PUBLIC;
        }
        Map<PiiType, Integer> found = redactor.redact(answer).found();
        if (found.keySet().stream().anyMatch(RESTRICTED_TYPES::contains)) {
            return Classification.RESTRICTED;
        }
        if (found.keySet().stream().anyMatch(SENSITIVE_TYPES::contains)
                || repeatsProfileFigure(answer, profile)
                || figuresAddressedToThePerson(answer)) {
            return Classification.SENSITIVE;
        }
        return SECOND_PERSON.matcher(answer).find() || FIGURE.matcher(answer).find()
                ? Classification.INTERNAL : Classification.PUBLIC;
    }

    /** The higher of two classes. */
    public static Classification max(Classification a, Classification b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static boolean hasAnyField(Profile p) {
        return p != null && Stream.of(p.annualIncome(), p.monthlyDebt(), p.creditScore(), p.loanAmount(),
                p.interestRate(), p.loanTermMonths(), p.propertyValue(), p.downPayment()).anyMatch(v -> v != null);
    }

    private static boolean repeatsProfileFigure(String answer, Profile p) {
        if (p == null) {
            return false;
        }
        Set<BigDecimal> personal = new java.util.HashSet<>();
        Stream.of(p.annualIncome(), p.monthlyDebt(), p.loanAmount(), p.propertyValue(), p.downPayment())
                .filter(v -> v != null && v.signum() > 0).forEach(v -> personal.add(v.stripTrailingZeros()));
        if (p.creditScore() != null) {
            personal.add(BigDecimal.valueOf(p.creditScore()).stripTrailingZeros());
        }
        Matcher m = NUMBER.matcher(answer);
        while (m.find()) {
            if (personal.contains(new BigDecimal(m.group().replace(",", "")).stripTrailingZeros())) {
                return true;
            }
        }
        return false;
    }

    private static boolean figuresAddressedToThePerson(String answer) {
        for (String sentence : SENTENCE_END.split(answer)) {
            if (FIGURE.matcher(sentence).find() && SECOND_PERSON.matcher(sentence).find()) {
                return true;
            }
        }
        return false;
    }
}
