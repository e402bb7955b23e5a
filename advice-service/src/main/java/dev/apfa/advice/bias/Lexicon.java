package dev.apfa.advice.bias;

import static dev.apfa.advice.bias.ProtectedAttribute.AGE;
import static dev.apfa.advice.bias.ProtectedAttribute.COLOR;
import static dev.apfa.advice.bias.ProtectedAttribute.DISABILITY;
import static dev.apfa.advice.bias.ProtectedAttribute.FAMILIAL_STATUS;
import static dev.apfa.advice.bias.ProtectedAttribute.MARITAL_STATUS;
import static dev.apfa.advice.bias.ProtectedAttribute.NATIONAL_ORIGIN;
import static dev.apfa.advice.bias.ProtectedAttribute.PUBLIC_ASSISTANCE;
import static dev.apfa.advice.bias.ProtectedAttribute.RACE;
import static dev.apfa.advice.bias.ProtectedAttribute.RELIGION;
import static dev.apfa.advice.bias.ProtectedAttribute.SEX;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Words and phrases that mention a protected attribute, case-insensitive, on word boundaries. Ambiguous words
 * only count in context: "black"/"white" before a person noun or after "I'm", "single" before a person noun or
 * after "I'm", "child" not in "child support" (a debt), "social security" not before "number", "senior" not as a
 * job title. Immigration status is not listed: Regulation B lets a creditor consider it.
 *
 * <p>{@code answerScan} is false for words whose use as a reason can be lawful (a spouse's income on a joint
 * application), so the answer scan does not flag them; in a question they are still mentions and still swapped.
 */
public final class Lexicon {

    /** One lexicon entry; {@code alternatives} override the attribute's when swapping this term. */
    public record Term(ProtectedAttribute attribute, Pattern pattern, boolean answerScan, List<String> alternatives) {

        List<String> swaps() {
            return alternatives.isEmpty() ? attribute.alternatives() : alternatives;
        }
    }

    /** A match of a term in a text. */
    public record Mention(ProtectedAttribute attribute, int start, int end, Term term) {
    }

    private static final String PERSON = "(?:man|men|woman|women|person|people|family|families|borrowers?|buyers?|"
            + "homebuyers?|applicants?|couples?|guy|female|male|neighbou?rhoods?|communit(?:y|ies)|americans?|"
            + "households?|owned|homeowners?|mother|mom|father|dad|parent|lady)";
    private static final String I_AM = "(?:i'm|i’m|im|i am|we're|we’re|we are|you're|you’re|you are|as an?|being)";
    private static final String COUNTRIES = "(?:mexico|china|india|vietnam|the philippines|philippines|korea|"
            + "south korea|nigeria|el salvador|guatemala|honduras|cuba|haiti|jamaica|poland|ireland|italy|germany|"
            + "russia|ukraine|pakistan|bangladesh|somalia|ethiopia|brazil|colombia|venezuela|syria|iraq|iran|"
            + "afghanistan|japan|canada|france|england|the uk|africa|asia|europe|latin america|the middle east|"
            + "puerto rico|the dominican republic|ghana|kenya|egypt|lebanon|turkey|greece|portugal|peru|ecuador)";

    private static final List<Term> TERMS = List.of(
            // race
            t(RACE, "african[- ]americans?|asian[- ]americans?|asians?|hispanics?|latin[oa]s?|latinx|latine|"
                    + "caucasians?|native americans?|american indians?|alaska(?:n)? natives?|pacific islanders?|"
                    + "native hawaiians?|biracial|multiracial|mixed[- ]race|(?:person|people|man|men|woman|women) "
                    + "of colou?r|race|races|racial(?:ly)?|ethnicity|ethnic(?:ally)?|racial minority|minorities"),
            t(RACE, "(?:black|white)(?=[\\s-]+" + PERSON + "\\b)"),
            t(RACE, "(?<=\\b" + I_AM + "\\s)(?:black|white)"),
            // color
            t(COLOR, "skin colou?r|colou?r of (?:my|our|his|her|their|your) skin|(?:dark|light|fair|brown|olive|"
                    + "pale)[- ]skinned|(?:(?:dark|darker|light|lighter|fair|brown|olive|pale)\\s+)?"
                    + "(?:complexion|skin tone|skin)(?=\\s|[,.;!?]|$)(?<!\\bskin(?=\\s+(?:tone|colou?r)))|colou?rism"),
            t(COLOR, "(?<=\\brace,?\\s(?:or\\s|and\\s)?)colou?r|(?<=\\b(?:my|your|his|her|their|our)\\s)colou?r"
                    + "(?!\\s+(?:scheme|choice|palette|of the))"),
            // religion
            t(RELIGION, "muslims?|islam(?:ic)?|christians?|christianity|jewish|jews?|judaism|catholics?|"
                    + "protestants?|hindus?|hinduism|buddhists?|buddhism|sikhs?|sikhism|mormons?|latter[- ]day saints?|"
                    + "atheists?|agnostics?|evangelicals?|religion|religions|religious|church(?:es)?|mosques?|"
                    + "synagogues?|hijab|yarmulke|kippah|turban|tithes?|tithing"),
            // national origin
            t(NATIONAL_ORIGIN, "immigrants?|immigrated|emigrated|refugees?|foreign[- ]born|national origin|"
                    + "nationality|ancestry|(?:non-?native|foreign) (?:english )?speakers?|"
                    + "english is (?:not )?my (?:second|first) language|accent|mexicans?|chinese|vietnamese|"
                    + "filipin[oa]s?|koreans?|nigerians?|salvadorans?|guatemalans?|hondurans?|cubans?|puerto ricans?|"
                    + "dominicans?|haitians?|jamaicans?|(?-i:Polish)|irish|italians?|germans?|russians?|ukrainians?|"
                    + "pakistanis?|bangladeshis?|somalis?|ethiopians?|brazilians?|colombians?|venezuelans?|arabs?|"
                    + "arab[- ]americans?|middle eastern|syrians?|iraqis?|iranians?|afghans?|japanese|"
                    + "indians?(?!\\s+(?:reservation|tribe))|ghanaians?|kenyans?|egyptians?|lebanese|"
                    + "mexican[- ]americans?|chinese[- ]americans?|korean[- ]americans?"),
            t(NATIONAL_ORIGIN, "(?:from|born in|raised in|grew up in|native of|immigrated from|emigrated from|"
                    + "came from|moved here from|citizen of) " + COUNTRIES, true,
                    List.of("from Ireland", "from Nigeria", "from Mexico", "from India")),
            // sex, gender identity, sexual orientation
            t(SEX, "wom[ae]n|m[ae]n|females?|males?|gender|sex|transgender|trans (?:woman|man|person)|"
                    + "non-?binary|lad(?:y|ies)|girls?|gay|lesbians?|bisexual|lgbtq?\\+?|queer|"
                    + "sexual orientation|gender identity"),
            // marital status
            t(MARITAL_STATUS, "married|unmarried|marriage|divorced?|divorcing|divorcee|separated(?!\\s+(?:by|from the|into))|widow(?:ed|er)?s?|"
                    + "marital status|newlyweds?|engaged(?=\\s+(?:to|and)\\b)"),
            t(MARITAL_STATUS, "single(?=[\\s-]+(?:mother|mom|father|dad|parent|wom[ae]n|m[ae]n|person|lady|guy|"
                    + "applicant|borrower|homebuyer|buyer)\\b)"),
            t(MARITAL_STATUS, "(?<=\\b(?:i'm|i’m|im|i am|we're|we’re|we are|you're|you’re|you are|being)\\s"
                    + "(?:still\\s|currently\\s)?)single(?!\\s+(?:inquiry|payment|loan|lender|application|income|"
                    + "account|source|point|family|step|rate))"),
            t(MARITAL_STATUS, "husbands?|(?:ex-)?wi(?:fe|ves)|(?:ex-)?spouses?|spousal|fianc[eé]e?|"
                    + "domestic partner|ex-husband", false, List.of("wife", "husband", "partner")),
            // age
            t(AGE, "\\d{1,3}[- ]years?[- ]old|\\d{1,3}[- ]?y/?o|(?:aged|age of|age)\\s+\\d{1,3}", true,
                    List.of("25 years old", "70 years old")),
            t(AGE, I_AM + "\\s+\\d{2}(?=\\s*(?:$|[,.;!?]|and\\b|with\\b|but\\b|so\\b|now\\b|this year\\b))", true,
                    List.of("I am 25", "I am 70")),
            t(AGE, "born in (?:19|20)\\d{2}", true, List.of("born in 1999", "born in 1955")),
            // "age" of a person, not of a home, car, loan or credit account
            t(AGE, "(?<!account\\s)(?<!credit\\s)(?<!loan\\s)age"
                    + "(?!\\s+of\\s+(?:the|your|a|my|our|their)\\s+(?:home|house|roof|property|building|loan|account|"
                    + "credit|car|cars|vehicle|furnace|debt|oldest|accounts))"
                    + "(?!\\s+(?:or|and)\\s+(?:mileage|condition|size|location|type|model))|ages|elderly|seniors|senior citizens?|(?<=\\b(?:a|as a)\\s)senior"
                    + "(?=\\s*(?:[,.;!?]|$|and\\b|on\\b|with\\b|who\\b|living\\b|homebuyer|borrower|applicant|buyer))|"
                    + "retirees?|retired|young|younger|too old|old age|millennials?|gen(?:eration)? ?z|"
                    + "(?:baby )?boomers?|in (?:my|our|his|her|their|your) (?:twenties|thirties|forties|fifties|"
                    + "sixties|seventies|eighties|nineties|[2-9]0s|[2-9]0's)"),
            // familial status
            t(FAMILIAL_STATUS, "pregnan(?:t|cy)|expecting (?:a baby|a child|twins)|maternity|paternity|"
                    + "kids?|child(?:ren)?(?!\\s+support)|sons?|daughters?|bab(?:y|ies)|toddlers?|newborns?|infants?|"
                    + "mothers?|moms?|fathers?|dads?|parents?|parenting|single parent|stepchild(?:ren)?|"
                    + "stepkids?|custody|dependents|foster (?:child|children|kids?|parents?)|grandchild(?:ren)?|"
                    + "grandkids?|twins|teenagers?|childless|child-free|family of (?:two|three|four|five|six|seven|\\d)"),
            // disability
            t(DISABILITY, "disabled|disabilit(?:y|ies)|handicap(?:ped)?|wheelchairs?|blind|deaf|"
                    + "hearing[- ]impaired|visually[- ]impaired|chronic(?:ally)? ill(?:ness)?|"
                    + "mental(?:ly)? ill(?:ness)?|mental health condition|multiple sclerosis|cerebral palsy|"
                    + "autis(?:m|tic)|ptsd|amputee|paraplegic|quadriplegic|service (?:dog|animal)|special needs"),
            // receipt of public assistance
            t(PUBLIC_ASSISTANCE, "public assistance|welfare|food stamps|snap(?=\\s+(?:benefits|card))|ebt|ssi|"
                    + "ssdi|social security(?!\\s+(?:number|no\\b|#|card|administration|office))|section 8|"
                    + "(?:section 8 )?housing (?:choice )?vouchers?|medicaid|tanf|wic|unemployment (?:benefits|"
                    + "compensation|insurance|checks?)|(?<=\\bon\\s)unemployment|disability (?:benefits|payments|"
                    + "checks?|income)|(?<=\\bon\\s)disability|government assistance|(?:government|public) benefits"));

    private static Term t(ProtectedAttribute a, String regex) {
        return t(a, regex, true, List.of());
    }

    private static Term t(ProtectedAttribute a, String regex, boolean answerScan, List<String> alternatives) {
        Pattern p = Pattern.compile("(?<![\\w'’-])(?:" + regex + ")(?![\\w'’])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        return new Term(a, p, answerScan, alternatives);
    }

    private Lexicon() {
    }

    /** Every mention in the text, ordered by position; overlapping mentions of one attribute keep the longest. */
    public static List<Mention> find(String text) {
        List<Mention> all = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return all;
        }
        for (Term term : TERMS) {
            Matcher m = term.pattern().matcher(text);
            while (m.find()) {
                if (m.end() > m.start()) {
                    all.add(new Mention(term.attribute(), m.start(), m.end(), term));
                }
            }
        }
        all.sort(Comparator.comparingInt(Mention::start).thenComparing(Mention::end, Comparator.reverseOrder()));
        List<Mention> kept = new ArrayList<>();
        for (Mention m : all) {
            boolean overlaps = kept.stream().anyMatch(k -> k.attribute() == m.attribute()
                    && m.start() < k.end() && k.start() < m.end());
            if (!overlaps) {
                kept.add(m);
            }
        }
        return kept;
    }
}
