package dev.apfa.advice.bias;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds sentences of an answer that use a protected attribute as a reason: an attribute term and a reason or
 * decision cue (because, due to, since you, as a, given your, qualify, deny, approve, rate, risk, ...) in the same
 * sentence. "Eligible" alone is no cue: program descriptions ("Eligible Native American veterans may use a
 * direct VA loan on trust land") are facts, not reasons applied to the person. Sentences that protect ("lenders
 * may not consider your race", "ECOA prohibits ...", "regardless of your age", "SSI income counts like any other
 * income") are skipped, which is a sentence-level judgement: a sentence mixing a protective clause with a
 * discriminatory one is not flagged.
 */
final class AnswerScanner {

    /** One finding: the 1-based sentence, the attribute and the cue that made it a reason. */
    record Finding(int sentence, ProtectedAttribute attribute, String cue) {
    }

    private static final int F = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n+");

    private static final Pattern CUE = Pattern.compile("\\b(?:because|due to|since (?:you|your|you're|you’re)|"
            + "as an?|given (?:your|that)|qualif\\w*|disqualif\\w*|den(?:y|ied|ies|ial)|declin\\w*|reject\\w*|"
            + "approv\\w*|rates?|risk\\w*|based on|therefore|which is why|so you|means you|makes you|"
            + "ineligib\\w*|penali[sz]\\w*|premium|surcharge|higher down payment|larger down payment|"
            + "less likely|more likely|unlikely|can't get|cannot get|won't get|not get)\\b", F);

    private static final Pattern PROTECTIVE = Pattern.compile(
            "\\b(?:nothing|none of|may not|must not|cannot|can't|can not|should not|shouldn't|will not|won't|does not|doesn't|"
                    + "do not|don't|did not|is not|isn't|are not|aren't|never|not allowed to|no lender may)\\b"
                    + "[^.]{0,40}?\\b(?:consider\\w*|use[ds]?|using|ask\\w*|factor\\w*|affect\\w*|influenc\\w*|"
                    + "matter\\w*|count\\w* against|held against|discriminat\\w*|play\\w* (?:a|any) (?:role|part)|"
                    + "take[ns]? into account|taken into account|based on|depend\\w*|impact\\w*|weigh\\w*|"
                    + "treat\\w* (?:you |applicants |borrowers )?differently|relevant|a factor|part of|"
                    + "lower\\w* your|raise\\w* your|change\\w*)\\b"
                    + "|\\b(?:regardless of|irrespective of|without regard to|no matter (?:your|what|who)|"
                    + "prohibit\\w*|illegal|unlawful|against the law|ecoa|equal credit opportunity|fair housing|"
                    + "fair lending|protected (?:class|classes|characteristics?|attributes?|groups?|status)|"
                    + "anti-?discrimination|regulation b|reg b|has no (?:bearing|effect|impact|role)|"
                    + "have no (?:bearing|effect|impact|role)|not (?:a|an) (?:factor|criterion|consideration)|"
                    + "counts? (?:toward|towards|as|the same|like)|counted (?:as|toward|towards|the same|like)|"
                    + "must (?:be )?(?:counted|considered|treated|count|consider|treat)|treated the same|"
                    + "same (?:way )?as (?:any|other)|like any other (?:income|source|applicant|borrower)|"
                    + "required to (?:count|consider|treat|accept)|equally|on equal terms)\\b"
                    + "|,?\\s*\\bnot (?:on )?(?:your|their|his|her|the borrower'?s|the applicant'?s) ", F);

    private AnswerScanner() {
    }

    static List<Finding> scan(String answer) {
        List<Finding> findings = new ArrayList<>();
        if (answer == null || answer.isBlank()) {
            return findings;
        }
        String[] sentences = SENTENCE_END.split(answer);
        for (int i = 0; i < sentences.length; i++) {
            String sentence = sentences[i];
            if (PROTECTIVE.matcher(sentence).find()) {
                continue;
            }
            Set<ProtectedAttribute> attributes = new LinkedHashSet<>();
            for (Lexicon.Mention m : Lexicon.find(sentence)) {
                if (m.term().answerScan()) {
                    attributes.add(m.attribute());
                }
            }
            if (attributes.isEmpty()) {
                continue;
            }
            String cue = firstCue(sentence);
            if (cue != null) {
                for (ProtectedAttribute a : attributes) {
                    findings.add(new Finding(i + 1, a, cue));
                }
            }
        }
        return findings;
    }

    private static String firstCue(String sentence) {
        Matcher m = CUE.matcher(sentence);
        return m.find() ? m.group().toLowerCase(java.util.Locale.ROOT) : null;
    }
}
