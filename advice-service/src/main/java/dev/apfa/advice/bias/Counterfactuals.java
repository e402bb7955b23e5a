package dev.apfa.advice.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counterfactual questions for one attribute: every mention removed, and every mention swapped to each other
 * value. Removal for the decision replaces a mention by nothing and collapses the spaces, and does no more, so
 * that the question differs from the original only in the attribute; {@link #readable} then tidies the
 * sentence for people and for regeneration.
 */
final class Counterfactuals {

    /** One counterfactual question; {@code kind} is "removed" or "changed". */
    record Variant(String text, String kind) {
    }

    private static final int F = Pattern.CASE_INSENSITIVE;
    private static final Pattern ARTICLE_BEFORE = Pattern.compile("\\b([Aa])n?(\\s+)$");
    private static final Pattern NEXT_WORD = Pattern.compile("^\\s*([A-Za-z])");
    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("[ \\t]+([,.;:!?])");
    private static final Pattern DOUBLE_PUNCT = Pattern.compile("([,;:])\\s*([,;:.!?])");
    private static final Pattern EMPTY_SENTENCE = Pattern.compile("(^|[.!?])(?:\\s*[.!?,;:]){1,8}");
    /** Articles left before punctuation; only a lower-case "a" ("Plan A." stays). */
    private static final Pattern DANGLING = Pattern.compile(
            "\\b(?:(?i:as an?|as|being|the|my|our|his|her|their|i'm|i’m|i am|we're|we’re|we are)|an?)\\s*(?=[,;.!?]|$)");
    private static final Pattern DANGLING_BEFORE_CONJ = Pattern.compile(
            "\\b(?:as an?|an?|i'm|i’m|i am|we're|we’re|we are)\\s+(?=(?:and|or|but|with|who|that)\\b)", F);
    private static final Pattern ORPHAN_OF = Pattern.compile(
            "\\b(?:an?\\s+)?of\\s+(?:one|two|three|four|five|six|\\d+)\\s*(?=[,;.!?]|$)", F);
    private static final Pattern OWNER_AND_I = Pattern.compile("\\b(?:my|our)\\s+(?:and\\s+)?(?=(?:and\\s+)?i\\b)", F);
    private static final Pattern LEADING_CONJ = Pattern.compile(
            "(^|[.!?]\\s+)[,;:]?\\s*(?:(?:and|but|with)\\b\\s*){1,4}[,;:]?\\s*", F);
    private static final Pattern SENTENCE_START = Pattern.compile("(^|[.!?]\\s+)([a-z])");

    private static final Pattern CLAUSE_END = Pattern.compile("[.!?;](?=\\s|$)|,(?=\\s)");
    private static final Pattern NOUN_SLOT_BEFORE = Pattern.compile("\\b(?:my|our|your|his|her|their|the)\\s+$", F);
    private static final Pattern PREPOSITION_BEFORE = Pattern.compile(
            "\\b(?:in|on|from|of|receiving|receive|receives|getting|get|gets|using|use|uses)\\s+$", F);
    private static final Pattern BEING_BEFORE = Pattern.compile("\\bbeing\\s+$", F);
    private static final Pattern SUBJECT_AND = Pattern.compile("\\b(?:(I)'m|(I) am|(W)e're|(W)e are)\\s+and\\s+", F);
    private static final Pattern ARTICLE_SLOT_BEFORE = Pattern.compile("\\b(?:an?)\\s+$", F);
    private static final Pattern PERSON_SLOT_AFTER = Pattern.compile("^\\s*(?:\\w+ing\\b|on\\b|with\\b|who\\b|and\\b|[,.;!?]|$)", F);

    private Counterfactuals() {
    }

    static List<Variant> of(String text, ProtectedAttribute attribute) {
        List<Lexicon.Mention> mentions = Lexicon.find(text).stream().filter(m -> m.attribute() == attribute).toList();
        List<Variant> variants = new ArrayList<>();
        if (mentions.isEmpty()) {
            return variants;
        }
        variants.add(new Variant(remove(text, mentions), "removed"));
        int max = mentions.stream().mapToInt(m -> m.term().swaps().size()).max().orElse(0);
        for (int k = 0; k < max; k++) {
            int index = k;
            String swapped = replace(text, mentions, m -> m.term().swaps().get(index % m.term().swaps().size()));
            if (!swapped.equalsIgnoreCase(text)) {
                variants.add(new Variant(swapped, "changed"));
            }
        }
        return variants;
    }

    static String remove(String text, List<Lexicon.Mention> mentions) {
        return replace(text, mentions, m -> "").replaceAll("[ \\t]{2,}", " ").trim();
    }

    private static String replace(String text, List<Lexicon.Mention> mentions, Function<Lexicon.Mention, String> with) {
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Lexicon.Mention m : mentions) {
            if (m.start() < at) {
                continue; // overlaps a mention of another term already replaced
            }
            out.append(text, at, m.start()).append(with.apply(m));
            at = m.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /**
     * The question without the mentions, readable: a clause that only states an attribute ("I'm a single
     * mother of two kids.", "As a parent of a teenager,") is dropped when it carries no figure and is not the
     * question itself; elsewhere a mention in a noun slot becomes "personal background" ("Does my gender
     * affect ..." reads "Does my personal background affect ..."; public assistance becomes "benefits"), a
     * person ("I'm a senior citizen on a fixed income") becomes "borrower", and anything else is removed; then
     * articles, punctuation and a leading "and" are tidied.
     */
    static String readable(String text, List<Lexicon.Mention> all) {
        List<Lexicon.Mention> mentions = merged(text, all);
        StringBuilder out = new StringBuilder(text.length());
        boolean capitalizeNext = false;
        int segStart = 0;
        Matcher end = CLAUSE_END.matcher(text);
        while (segStart < text.length()) {
            int segEnd = text.length();
            char delimiter = 0;
            if (end.find(segStart)) {
                segEnd = end.end();
                delimiter = text.charAt(end.start());
                while (segEnd < text.length() && Character.isWhitespace(text.charAt(segEnd))) {
                    segEnd++;
                }
            }
            String segment = text.substring(segStart, segEnd);
            int from = segStart;
            List<Lexicon.Mention> inside = mentions.stream()
                    .filter(m -> m.start() >= from && m.start() < (from + segment.length())).toList();
            boolean sentenceEnd = delimiter == '.' || delimiter == '!' || delimiter == '?' || delimiter == 0;
            if (inside.isEmpty()) {
                out.append(capitalizeNext ? capitalize(segment) : segment);
                capitalizeNext = false;
            } else if (!hasFigureOutside(segment, from, inside) && delimiter != '?') {
                // a statement of the attribute and nothing the decision needs: leave it out
                if (sentenceEnd) {
                    int last = out.length() - 1;
                    while (last >= 0 && Character.isWhitespace(out.charAt(last))) {
                        last--;
                    }
                    if (last >= 0 && (out.charAt(last) == ',' || out.charAt(last) == ';')) {
                        out.setCharAt(last, delimiter == 0 ? '.' : delimiter);
                    }
                    capitalizeNext = false;
                } else if (out.length() == 0 || out.toString().matches("(?s).*[.!?]\\s*$")) {
                    capitalizeNext = true;
                }
            } else {
                String replaced = inPlace(text, segStart, segEnd, inside);
                out.append(capitalizeNext ? capitalize(replaced) : replaced);
                capitalizeNext = false;
            }
            segStart = segEnd;
        }
        String result = tidy(out.toString());
        return result.isBlank() ? tidy(inPlace(text, 0, text.length(), mentions)) : result;
    }

    /** A digit that is not part of a mention ("born in 1958" is the attribute, not a figure). */
    private static boolean hasFigureOutside(String segment, int offset, List<Lexicon.Mention> inside) {
        for (int i = 0; i < segment.length(); i++) {
            int position = offset + i;
            if (Character.isDigit(segment.charAt(i))
                    && inside.stream().noneMatch(m -> position >= m.start() && position < m.end())) {
                return true;
            }
        }
        return false;
    }

    /** Adjacent mentions of one attribute ("Section 8 housing voucher") are one phrase. */
    private static List<Lexicon.Mention> merged(String text, List<Lexicon.Mention> mentions) {
        List<Lexicon.Mention> out = new ArrayList<>();
        for (Lexicon.Mention m : mentions) {
            Lexicon.Mention last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.attribute() == m.attribute() && m.start() >= last.end()
                    && text.substring(last.end(), m.start()).isBlank()) {
                out.set(out.size() - 1, new Lexicon.Mention(m.attribute(), last.start(), m.end(), last.term()));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    private static String neutralNoun(Lexicon.Mention m) {
        if (m.attribute() == ProtectedAttribute.PUBLIC_ASSISTANCE) {
            return "benefits";
        }
        return m.term().answerScan() ? "personal background" : "co-borrower";
    }

    private static String inPlace(String text, int from, int to, List<Lexicon.Mention> mentions) {
        StringBuilder out = new StringBuilder(to - from);
        int at = from;
        for (Lexicon.Mention m : mentions) {
            if (m.start() < at || m.start() >= to) {
                continue;
            }
            out.append(text, at, m.start());
            at = Math.min(m.end(), to);
            String after = text.substring(at, to);
            Matcher being = BEING_BEFORE.matcher(out);
            if (m.attribute() != ProtectedAttribute.PUBLIC_ASSISTANCE && being.find()) {
                out.replace(being.start(), being.end(), "this");
            } else if (NOUN_SLOT_BEFORE.matcher(out).find()
                    || (m.attribute() == ProtectedAttribute.PUBLIC_ASSISTANCE && PREPOSITION_BEFORE.matcher(out).find())) {
                out.append(neutralNoun(m));
            } else if (m.attribute() == ProtectedAttribute.PUBLIC_ASSISTANCE && ARTICLE_SLOT_BEFORE.matcher(out).find()) {
                out.append("benefit");
            } else if (m.attribute() != ProtectedAttribute.COLOR && ARTICLE_SLOT_BEFORE.matcher(out).find()
                    && PERSON_SLOT_AFTER.matcher(after).find()
                    && !nextIsMention(mentions, at, text)) {
                out.append("borrower");
            }
            Matcher article = ARTICLE_BEFORE.matcher(out);
            Matcher next = NEXT_WORD.matcher(after);
            if (article.find() && next.find()) {
                boolean vowel = "aeiouAEIOU".indexOf(next.group(1).charAt(0)) >= 0;
                out.replace(article.start(), article.end(), article.group(1) + (vowel ? "n" : "") + article.group(2));
            }
        }
        return out.append(text, at, to).toString();
    }

    private static boolean nextIsMention(List<Lexicon.Mention> mentions, int at, String text) {
        int next = at;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        int position = next;
        return mentions.stream().anyMatch(m -> m.start() == position);
    }

    private static String subject(java.util.regex.MatchResult r) {
        for (int g = 1; g <= 4; g++) {
            if (r.group(g) != null) {
                return g <= 2 ? "I" : r.group(g) + "e";
            }
        }
        return "";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    private static String tidy(String text) {
        String s = text;
        String before;
        do {
            before = s;
            s = s.replaceAll("[ \\t]{2,}", " ");
            s = SPACE_BEFORE_PUNCT.matcher(s).replaceAll("$1");
            s = DOUBLE_PUNCT.matcher(s).replaceAll("$2");
            s = ORPHAN_OF.matcher(s).replaceAll("");
            s = DANGLING.matcher(s).replaceAll("");
            s = SUBJECT_AND.matcher(s).replaceAll(r -> subject(r) + " ");
            s = DANGLING_BEFORE_CONJ.matcher(s).replaceAll("");
            s = OWNER_AND_I.matcher(s).replaceAll("");
            s = LEADING_CONJ.matcher(s).replaceAll("$1");
            s = EMPTY_SENTENCE.matcher(s).replaceAll("$1");
            s = s.trim();
        } while (!s.equals(before));
        return SENTENCE_START.matcher(s).replaceAll(r -> r.group(1) + r.group(2).toUpperCase(Locale.ROOT));
    }
}
