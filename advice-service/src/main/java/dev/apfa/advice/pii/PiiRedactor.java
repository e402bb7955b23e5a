package dev.apfa.advice.pii;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds and replaces personal data in free text (card numbers only when they pass the Luhn check).
 *
 * <p>Detectors run in a fixed priority order and a later one never claims characters an earlier one took:
 * e-mail (so digits inside an address are not a phone), formatted SSNs, dates of birth, formatted phone numbers,
 * card numbers (13–19 digits, spaces or dashes between groups, Luhn), then the keyword-anchored ones: routing
 * numbers (9 digits after "routing"/"ABA"/"RTN", ABA checksum), bare 9-digit SSNs after "SSN"/"social
 * security", bank accounts (6–17 digits right after "account"/"acct"), bare 10-digit phones after "phone"/"call".
 *
 * <p>What it leaves alone on purpose, because the loan decision reads it: money ($85,000, 400000), rates,
 * terms, credit scores, years and ZIP codes. That is why bare digit runs are personal data only next to a
 * keyword, and formatted SSNs must be NNN-NN-NNNN (or with spaces or dots) exactly. Any NNN-NN-NNNN is redacted,
 * including numbers the SSA never issues (9xx are ITINs; a mistyped SSN is still personal data).
 */
public class PiiRedactor {

    private static final int F = Pattern.CASE_INSENSITIVE;

    private static final Pattern EMAIL = Pattern.compile(
            "(?<![\\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+){0,8}\\.[A-Za-z]{2,}\\b");
    private static final Pattern SSN_FORMATTED = Pattern.compile("(?<![\\d$.,/-])\\d{3}([- .])\\d{2}\\1\\d{4}(?![\\d/-]|[.,]\\d)");
    private static final Pattern SSN_KEYWORD = Pattern.compile(
            "\\b(?:ssn|ss#|ss no\\.?|social security(?: number| no\\.?| #)?|social|itin|tin|taxpayer id(?:entification)?"
                    + "(?: number)?)\\b[^\\d.;!?\\n]{0,25}?(?<![\\d$])(\\d{9})(?![\\d,.]\\d|\\d)", F);
    private static final Pattern PHONE_FORMATTED = Pattern.compile(
            "(?<![\\w$.,/-])(?:\\+?1[\\s.-]?)?(?:\\(\\s?[2-9]\\d{2}\\s?\\)\\s?|[2-9]\\d{2}[\\s.-])[2-9]\\d{2}[\\s.-]\\d{4}"
                    + "(?![\\w/-]|[.,]\\d)");
    private static final Pattern PHONE_KEYWORD = Pattern.compile(
            "\\b(?:phone|cell|mobile|tel|telephone|call|text|reach me|contact)\\b[^\\d.;!?\\n]{0,20}?(?<![\\d$])"
                    + "(\\+?1?[2-9]\\d{9})(?![\\d,.]\\d|\\d)", F);
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** Digit groups separated by single spaces or dashes; a candidate card number is any run of them. */
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![\\w$.,/-])\\d+(?:[ -]\\d+){0,24}(?![\\w/]|[.,]\\d)");
    private static final Pattern ROUTING_KEYWORD = Pattern.compile(
            "\\b(?:routing|aba|rtn|transit)\\b[^\\d.;!?\\n]{0,30}?(?<![\\d$])(\\d{9})(?![\\d,.]\\d|\\d)", F);
    private static final Pattern ACCOUNT_KEYWORD = Pattern.compile(
            "\\b(?:account|acct|a/c)\\.?(?:\\s+(?:number|numbers|no\\.?|num|nbr))?\\s*(?:#|:|is|was|=|are|ending)?\\s*"
                    + "(?:#|:|-)?\\s*(?<![\\d$])(\\d(?:[ -]?\\d){5,16})(?![\\d,.]\\d|\\d|\\s?%|\\s?k\\b)", F);

    private static final String MONTH =
            "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
                    + "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?";
    private static final String DAY = "(?:0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?";
    private static final String YEAR = "(?:19|20)\\d{2}";
    private static final String DATE = "(?:"
            + "\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})"                     // 03/05/1980, 3-5-80, 05.03.1980
            + "|" + YEAR + "[/.-]\\d{1,2}[/.-]\\d{1,2}"                         // 1980-03-05
            + "|" + MONTH + "\\s+" + DAY + ",?\\s+" + YEAR                      // March 5, 1980 / Mar. 5th 1980
            + "|" + DAY + "\\s+(?:of\\s+)?" + MONTH + ",?\\s+" + YEAR           // 5 March 1980 / 5th of March, 1980
            + "|" + MONTH + ",?\\s+" + YEAR                                     // March 1980
            + "|\\d{1,2}/" + YEAR                                               // 03/1980
            + ")";
    private static final String BIRTH =
            "(?:born|birth|dob|d\\.o\\.b\\.?|date of birth|birthday|birth ?date|b-day|bday)";
    private static final Pattern DOB_AFTER_KEYWORD = Pattern.compile(
            "\\b" + BIRTH + "(?![a-z])[^.;!?\\n\\d]{0,30}?(?<![\\w/.-])(" + DATE + ")(?![\\w/]|[.-]\\d)", F);
    private static final Pattern DOB_BEFORE_KEYWORD = Pattern.compile(
            "(?<![\\w/.-])(" + DATE + ")(?![\\w/]|[.-]\\d)[^.;!?\\n\\d]{0,20}?\\b(?:is my|was my|\\(|my)?\\s*" + BIRTH + "(?![a-z])", F);

    public Redaction redact(String text) {
        if (text == null || text.isEmpty()) {
            return new Redaction(text == null ? "" : text, Map.of());
        }
        List<Span> spans = new ArrayList<>();
        add(spans, EMAIL, 0, PiiType.EMAIL, text);
        add(spans, SSN_FORMATTED, 0, PiiType.SSN, text);
        add(spans, DOB_AFTER_KEYWORD, 1, PiiType.DATE_OF_BIRTH, text);
        add(spans, DOB_BEFORE_KEYWORD, 1, PiiType.DATE_OF_BIRTH, text);
        add(spans, PHONE_FORMATTED, 0, PiiType.PHONE, text);
        cards(spans, text);
        routing(spans, text);
        add(spans, SSN_KEYWORD, 1, PiiType.SSN, text);
        add(spans, ACCOUNT_KEYWORD, 1, PiiType.BANK_ACCOUNT, text);
        add(spans, PHONE_KEYWORD, 1, PiiType.PHONE, text);

        spans.sort(Comparator.comparingInt(Span::start));
        StringBuilder out = new StringBuilder(text.length());
        Map<PiiType, Integer> found = new EnumMap<>(PiiType.class);
        int at = 0;
        for (Span span : spans) {
            out.append(text, at, span.start()).append("[REDACTED_").append(span.type().name()).append(']');
            at = span.end();
            found.merge(span.type(), 1, Integer::sum);
        }
        out.append(text, at, text.length());
        return new Redaction(out.toString(), found.isEmpty() ? Map.of() : Collections.unmodifiableMap(found));
    }

    private static void add(List<Span> spans, Pattern pattern, int group, PiiType type, String text) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            claim(spans, new Span(m.start(group), m.end(group), type));
        }
    }

    private static boolean claim(List<Span> spans, Span candidate) {
        for (Span s : spans) {
            if (candidate.start() < s.end() && s.start() < candidate.end()) {
                return false;
            }
        }
        spans.add(candidate);
        return true;
    }

    /**
     * Card numbers inside a run of digit groups: from each group, the longest run of whole groups with 13–19
     * digits that passes Luhn ("4111 1111 1111 1111 2026" is a card and a year). Bounded: a sub-run stops
     * growing past 19 digits, so a long run of numbers costs linear time.
     */
    private static void cards(List<Span> spans, String text) {
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            List<int[]> groups = new ArrayList<>();
            Matcher g = DIGITS.matcher(text).region(m.start(), m.end());
            while (g.find()) {
                groups.add(new int[] {g.start(), g.end()});
            }
            int i = 0;
            while (i < groups.size()) {
                int longest = -1;
                StringBuilder digits = new StringBuilder();
                for (int j = i; j < groups.size(); j++) {
                    digits.append(text, groups.get(j)[0], groups.get(j)[1]);
                    if (digits.length() > 19) {
                        break;
                    }
                    if (digits.length() >= 13 && luhn(digits.toString())) {
                        longest = j;
                    }
                }
                if (longest >= 0 && claim(spans, new Span(groups.get(i)[0], groups.get(longest)[1], PiiType.CARD_NUMBER))) {
                    i = longest + 1;
                } else {
                    i++;
                }
            }
        }
    }

    private static void routing(List<Span> spans, String text) {
        Matcher m = ROUTING_KEYWORD.matcher(text);
        while (m.find()) {
            if (abaChecksum(m.group(1))) {
                claim(spans, new Span(m.start(1), m.end(1), PiiType.ROUTING_NUMBER));
            }
        }
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean doubleIt = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** ABA routing checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
    static boolean abaChecksum(String nine) {
        int[] d = nine.chars().map(c -> c - '0').toArray();
        int sum = 3 * (d[0] + d[3] + d[6]) + 7 * (d[1] + d[4] + d[7]) + (d[2] + d[5] + d[8]);
        return sum % 10 == 0 && sum > 0;
    }

    private record Span(int start, int end, PiiType type) {
    }
}
