package dev.apfa.advice.loan;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the borrower's figures from a (redacted) question: income, monthly debts, price, down payment (amount or
 * percent), loan amount, rate, term and credit score. Each number is classified by the words around it within
 * its clause (clauses end at punctuation, "and", "but", "with", ... and at the next number), the words right
 * after it first ("$500 a month in car payments", "a $400,000 house", "$80,000 down"), then the nearest cue
 * before it ("I earn $85,000").
 *
 * <p>What it deliberately does not read: ages ("a 35-year-old", "I'm 62") are never terms, because a term needs
 * a loan word ("30-year fixed", "a mortgage over 15 years"); bare numbers without "$", "k" or "dollars" are money
 * only right next to a cue ("income of 85000"), so years, ZIP codes and credit scores stay what they are;
 * numbers inside dates and phone-like groups are skipped. Protected attributes are never cues, so removing or
 * swapping them (the bias check's counterfactuals) cannot change what is read. Deterministic: the first stated
 * value of a field wins (so a restatement such as "$7,083 a month, about $85,000 a year" is not counted twice;
 * several incomes belong summed in the profile), a yearly income wins over a monthly one (× 12) and that over
 * hourly (× 2,080), weekly (× 52) or fortnightly (× 26) pay; monthly debts add up ("a $400 car payment and
 * $250 in student loans each month"), and a debt without a period is a balance and is not read.
 */
final class QueryFigures {

    /** Figures found in the text; null when not stated. {@code downPercent} is in percent of the price. */
    record Found(BigDecimal annualIncome, String incomeBasis, BigDecimal monthlyDebt, Integer creditScore, BigDecimal loanAmount,
                 BigDecimal interestRate, Integer loanTermMonths, BigDecimal propertyValue,
                 BigDecimal downPayment, BigDecimal downPercent) {
    }

    private static final int F = Pattern.CASE_INSENSITIVE;

    /** Every digit group, for clause boundaries (a number's context ends where the next number starts). */
    private static final Pattern ANY_NUMBER = Pattern.compile("\\d[\\d,]*(?:\\.\\d+)?");
    private static final Pattern DELIMITER = Pattern.compile(
            "[.;!?\\n()]\\s|[.;!?\\n()]$|[;!?\\n()]|,\\s|\\b(?:and|but|plus|while|whereas|also|then|with|so|though|although|however)\\b", F);

    private static final Pattern MONEY = Pattern.compile(
            "(?<![\\w.,/:\\-])(\\$\\s?)?(\\d{1,3}(?:,\\d{3}){1,6}|\\d+)(\\.\\d{1,2})?"
                    + "(?:\\s?(thousand|grand|million)\\b|(k|K|m|M|mm|MM)\\b)?(?![\\d/\\-]|\\.\\d|,\\d|\\s?%|\\s?percent)", F);
    private static final Pattern DOLLARS_WORD = Pattern.compile("^\\s*(?:dollars|usd|bucks)\\b", F);

    private static final Pattern DOWN_RIGHT = Pattern.compile(
            "^\\s*(?:(?:in|for|as|of|towards?|saved|set aside|put|to put)\\s+){0,4}(?:(?:a|the|my|our)\\s+)?down\\b", F);
    private static final Pattern DOWN_LEFT = Pattern.compile(
            "down[\\s-]?payments?\\s*(?:of|is|will be|would be|was|:|=|about|around|roughly|approximately|\\s){0,8}$", F);
    private static final Pattern MONTHLY = Pattern.compile(
            "\\b(?:a|per|each|every|one)\\s+month\\b|/\\s?mo(?:nth)?\\b|\\bmonthly\\b|\\bmo\\.", F);
    private static final Pattern ANNUAL = Pattern.compile(
            "\\b(?:a|per|each|every|one)\\s+year\\b|/\\s?(?:yr|year)\\b|\\bannual(?:ly)?\\b|\\bper annum\\b|\\byearly\\b|\\bp\\.?a\\.?\\b", F);
    private static final Pattern PAY_VERB = Pattern.compile("\\b(?:pay|pays|paying|payment|payments)\\b", F);
    /** Pay stated per hour or week: annualised at 2,080 hours (40 × 52), 52 weeks, 26 fortnights. */
    private static final Pattern HOURLY = Pattern.compile("^\\s*(?:an|per|/|a)\\s*(?:hour|hr)\\b|^\\s*hourly\\b", F);
    private static final Pattern BIWEEKLY = Pattern.compile(
            "^\\s*(?:every (?:two|2|other) weeks|bi-?weekly|a fortnight|per fortnight|every fortnight)\\b", F);
    private static final Pattern WEEKLY = Pattern.compile("^\\s*(?:a|per|/|each|every)\\s*(?:week|wk)\\b|^\\s*weekly\\b", F);

    private static final Pattern INCOME_CUE = Pattern.compile(
            "\\b(?:earn|earns|earned|earning|earnings|make|makes|making|made|income|incomes|salary|salaries|salaried|"
                    + "wage|wages|paid|gross|take[- ]home|bring in|brings in|bringing in|receive|receives|receiving|"
                    + "pension|paycheck|pay me|pays me|compensation)\\b", F);
    private static final Pattern DEBT_CUE = Pattern.compile(
            "\\b(?:debt|debts|owe|owes|owing|car|cars|auto|vehicle|student|credit[- ]cards?|minimum payments?|"
                    + "loan payments?|loans|installments?|alimony|child support|personal loans?|obligations?)\\b", F);
    /** A monthly amount "on my loan" is a debt; "my mortgage payment" is the housing payment, not another debt. */
    private static final Pattern LOAN_WORD = Pattern.compile("\\bloans?\\b", F);
    private static final Pattern PROPERTY_CUE = Pattern.compile(
            "\\b(?:house|houses|home|homes|condo|condos|property|properties|townhouse|townhome|place|apartment|"
                    + "price|priced|prices|worth|valued|value|costs|listed|listing|purchase|buy|buying)\\b", F);
    private static final Pattern LOAN_CUE = Pattern.compile(
            "\\b(?:loan|mortgage|borrow|borrowing|finance|financing|principal|refinance|refi)\\b", F);
    private static final Pattern IGNORE_CUE = Pattern.compile(
            "\\b(?:rent|rents|renting|savings|saved|save|saving|401k|401\\(k\\)|ira|retirement|emergency|"
                    + "closing costs?|tax|taxes|insurance|hoa|bonus|reserves|cash|utilities|groceries|childcare)\\b", F);
    /** "my monthly mortgage payment would be $2,000" is a payment, not a loan amount. */
    private static final Pattern PAYMENT_OF_LEFT = Pattern.compile(
            "\\bpayments?\\s+(?:is|are|was|would be|will be|of|=|:|around|about|roughly)\\s*(?:about|around|roughly)?\\s*$", F);
    /** "the payment on $300,000": the amount is the loan. */
    private static final Pattern PAYMENT_ON_LEFT = Pattern.compile("\\bpayments?\\s+(?:on|for)\\s+(?:an?\\s+)?$", F);

    private static final Pattern BARE_RIGHT = Pattern.compile(
            "^\\s*(?:a|per)\\s+(?:year|month)\\b|^\\s*(?:annually|annual|salary|income|down|house|home|loan|mortgage)\\b", F);
    private static final Pattern BARE_LEFT = Pattern.compile(
            "\\b(?:earn|earns|make|makes|income|salary|wages|paid|price|priced|worth|valued|costs|borrow|loan|mortgage"
                    + "|debts?|down payment|payments?|amount)\\s*(?:of|is|was|at|for|:|=)?\\s*"
                    + "(?:about|around|roughly|approximately|only|just)?\\s*$", F);

    private static final Pattern PERCENT = Pattern.compile(
            "(?<![\\w.,])(\\d{1,2}(?:\\.\\d{1,3})?|100)\\s*(?:%|percent\\b|pct\\b)", F);
    private static final Pattern PERCENT_DOWN_RIGHT = Pattern.compile(
            "^\\s*(?:(?:in|for|as|of|towards?)\\s+){0,4}(?:(?:a|the|my|our)\\s+)?down\\b|^\\s*of the (?:home |house |purchase )?price", F);
    private static final Pattern PERCENT_IGNORE = Pattern.compile(
            "\\b(?:dti|debt[- ]to[- ]income|ltv|loan[- ]to[- ]value|of (?:my|our|your|the)? ?income|tax|taxes|raise|"
                    + "appreciat\\w*|inflation|returns?|apy|savings|bonus|tip|commission|cash back|points?)\\b", F);
    /** "an interest rate of 6.5" without a percent sign. */
    private static final Pattern RATE_BARE = Pattern.compile(
            "\\b(?:interest rate|rate|apr)\\s*(?:is|of|at|:|=|would be|will be|around|about|near)?\\s*(?:around|about|near)?\\s*"
                    + "(\\d{1,2}(?:\\.\\d{1,3})?)(?![\\d,%]|\\.\\d|\\s*(?:%|percent|pct|k\\b|years?|yrs?|months?|-|points?|bps))", F);
    private static final Pattern RATE_CUE = Pattern.compile(
            "\\b(?:rate|rates|interest|apr|fixed|arm|mortgage|loan|at)\\b", F);

    private static final Pattern CREDIT_BEFORE = Pattern.compile(
            "\\b(?:credit\\s*score|fico(?:\\s*score)?|credit\\s*rating|credit)\\s*(?:is|of|was|:|=|at|sits at|around|about|"
                    + "roughly|approximately|near|\\s){0,8}(\\d{3})\\b(?![\\d,.]\\d|\\s?%|\\s?k\\b)", F);
    private static final Pattern CREDIT_AFTER = Pattern.compile(
            "(?<![\\w$.,])(\\d{3})\\s*(?:credit\\s*score|fico|credit\\s*rating|credit|score)\\b(?!\\s*cards?)", F);

    private static final Pattern TERM_YEARS_ADJ = Pattern.compile(
            "(?<![\\w.])(\\d{1,2})[\\s-]?(?:years?|yrs?)[\\s-]+(?:fixed|mortgage|loan|term|amortization|arm|note)\\b", F);
    private static final Pattern TERM_YEARS_OVER = Pattern.compile(
            "\\b(?:term|amortization|amortized|amortize|repay|pay (?:it|this|that|the loan|the mortgage) off|"
                    + "pay off|mortgage|loan|borrow|borrowing|finance|financing)\\b"
                    + "(?:(?!\\b(?:paid|been|had|owned|lived|worked|since|ago|old)\\b)(?:[^.;!?]|\\.(?=\\d))){0,40}?"
                    + "\\b(?:over|for|of|in)\\s+(\\d{1,2})\\s*(?:years?|yrs?)\\b(?![\\s-]*old)", F);
    /** "I have paid my mortgage for 10 years" is a history, not a term. */
    private static final Pattern HISTORY = Pattern.compile(
            "\\b(?:paid|paying|been|had|owned|lived|worked|rented|held)\\b[^.;!?]*$", F);
    private static final Pattern TERM_MONTHS = Pattern.compile(
            "(?<![\\w.])(\\d{1,3})[\\s-]?months?[\\s-]+(?:loan|term|mortgage|amortization)\\b|"
                    + "\\b(?:term|amortization|amortized|mortgage|loan)\\b[^.;!?\\d]{0,30}?\\b(?:over|for|of|in)\\s+"
                    + "(\\d{1,3})\\s*months?\\b", F);

    Found read(String text) {
        String t = text == null ? "" : text;
        Bounds bounds = new Bounds(t);
        Money money = readMoney(t, bounds);
        Percents percents = readPercents(t, bounds);
        return new Found(money.annualIncome, money.incomeBasis, money.monthlyDebt, creditScore(t), money.loan, percents.rate,
                term(t), money.property, money.down, percents.downPercent);
    }

    // ---- money --------------------------------------------------------------------------------------------

    private static final class Money {
        BigDecimal annualIncome;
        BigDecimal monthlyIncome;
        BigDecimal otherPeriodIncome;
        String otherPeriod;
        /** How a yearly income was derived, for the assumption ("12 × $6,000.00 a month"); null when stated yearly. */
        String incomeBasis;
        BigDecimal monthlyDebt;
        BigDecimal property;
        BigDecimal down;
        BigDecimal loan;
    }

    private enum Kind { INCOME, DEBT, PROPERTY, LOAN, IGNORE }

    private Money readMoney(String t, Bounds bounds) {
        Money m = new Money();
        Matcher matcher = MONEY.matcher(t);
        while (matcher.find()) {
            int s = matcher.start();
            int e = matcher.end();
            String left = bounds.left(s);
            String right = bounds.right(e);
            boolean marked = matcher.group(1) != null || matcher.group(4) != null || matcher.group(5) != null
                    || DOLLARS_WORD.matcher(right).find();
            if (!marked && !BARE_RIGHT.matcher(right).find() && !BARE_LEFT.matcher(left).find()) {
                continue;
            }
            BigDecimal value = value(matcher);
            if (!marked && value.compareTo(BigDecimal.valueOf(1000)) < 0) {
                continue;
            }
            classify(value, left, right, m);
        }
        if (m.annualIncome == null && m.monthlyIncome != null) {
            m.annualIncome = m.monthlyIncome.multiply(BigDecimal.valueOf(12));
            m.incomeBasis = "12 × " + DecisionEngine.dollars(m.monthlyIncome) + " a month";
        }
        if (m.annualIncome == null && m.otherPeriodIncome != null) {
            m.annualIncome = m.otherPeriodIncome;
            m.incomeBasis = m.otherPeriod;
        }
        return m;
    }

    private static BigDecimal value(Matcher matcher) {
        BigDecimal v = new BigDecimal(matcher.group(2).replace(",", "")
                + (matcher.group(3) == null ? "" : matcher.group(3)));
        String word = matcher.group(4);
        String letter = matcher.group(5);
        String suffix = word != null ? word.toLowerCase(Locale.ROOT) : letter != null ? letter.toLowerCase(Locale.ROOT) : "";
        return switch (suffix) {
            case "k", "thousand", "grand" -> v.multiply(BigDecimal.valueOf(1_000));
            case "m", "mm", "million" -> v.multiply(BigDecimal.valueOf(1_000_000));
            default -> v;
        };
    }

    private void classify(BigDecimal value, String left, String right, Money m) {
        if (DOWN_RIGHT.matcher(right).find() || DOWN_LEFT.matcher(left).find()) {
            m.down = first(m.down, value);
            return;
        }
        String ctx = left + " " + right;
        boolean monthly = MONTHLY.matcher(ctx).find();
        boolean annual = ANNUAL.matcher(ctx).find();
        Kind kind = nearest(left, right);
        int perYear = HOURLY.matcher(right).find() ? 2080 : BIWEEKLY.matcher(right).find() ? 26
                : WEEKLY.matcher(right).find() ? 52 : 0;
        if (perYear > 0) {
            if (kind == Kind.INCOME || kind == null) {
                if (m.otherPeriodIncome == null) {
                    m.otherPeriodIncome = value.multiply(BigDecimal.valueOf(perYear));
                    m.otherPeriod = perYear + " × " + DecisionEngine.dollars(value)
                            + (perYear == 2080 ? " an hour" : perYear == 52 ? " a week" : " every two weeks");
                }
            }
            return;
        }
        if (PAYMENT_ON_LEFT.matcher(left).find() && !monthly) {
            m.loan = first(m.loan, value);
            return;
        }
        boolean debtPayment = PAY_VERB.matcher(ctx).find() && DEBT_CUE.matcher(ctx).find();
        if (monthly || (debtPayment && !annual)) {
            if (kind == Kind.DEBT || (kind != Kind.INCOME && DEBT_CUE.matcher(ctx).find())
                    || (kind == Kind.LOAN && LOAN_WORD.matcher(ctx).find())) {
                m.monthlyDebt = m.monthlyDebt == null ? value : m.monthlyDebt.add(value);
            } else if (kind == Kind.INCOME && monthly) {
                m.monthlyIncome = first(m.monthlyIncome, value);
            }
            return;
        }
        if (annual && (kind == null || kind == Kind.INCOME)) {
            m.annualIncome = first(m.annualIncome, value);
            return;
        }
        if (kind == null) {
            return;
        }
        switch (kind) {
            case INCOME -> m.annualIncome = first(m.annualIncome, value);
            case PROPERTY -> m.property = first(m.property, value);
            case LOAN -> {
                if (!PAYMENT_OF_LEFT.matcher(left).find()) {
                    m.loan = first(m.loan, value);
                }
            }
            default -> { /* a balance, savings, rent, ...: not a figure the decision uses */ }
        }
    }

    /** The cue closest to the number, null when there is none; a cue right after it ("$85,000 salary") wins a tie. */
    private static Kind nearest(String left, String right) {
        Kind best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Kind kind : Kind.values()) {
            Pattern cue = cue(kind);
            Matcher r = cue.matcher(right);
            if (r.find() && r.start() <= bestDistance) {
                bestDistance = r.start();
                best = kind;
            }
            Matcher l = cue.matcher(left);
            int lastEnd = -1;
            while (l.find()) {
                lastEnd = l.end();
            }
            if (lastEnd >= 0 && left.length() - lastEnd < bestDistance) {
                bestDistance = left.length() - lastEnd;
                best = kind;
            }
        }
        return best;
    }

    private static Pattern cue(Kind kind) {
        return switch (kind) {
            case INCOME -> INCOME_CUE;
            case DEBT -> DEBT_CUE;
            case PROPERTY -> PROPERTY_CUE;
            case LOAN -> LOAN_CUE;
            case IGNORE -> IGNORE_CUE;
        };
    }

    // ---- percents, credit score, term ------------------------------------------------------------------

    private static final class Percents {
        BigDecimal rate;
        BigDecimal downPercent;
    }

    private Percents readPercents(String t, Bounds bounds) {
        Percents p = new Percents();
        Matcher matcher = PERCENT.matcher(t);
        while (matcher.find()) {
            BigDecimal value = new BigDecimal(matcher.group(1));
            String left = bounds.left(matcher.start());
            String right = bounds.right(matcher.end());
            if (PERCENT_DOWN_RIGHT.matcher(right).find() || DOWN_LEFT.matcher(left).find()) {
                p.downPercent = first(p.downPercent, value);
            } else if (PERCENT_IGNORE.matcher(left + " " + right).find()) {
                continue;
            } else if (RATE_CUE.matcher(left + " " + right).find() && value.compareTo(BigDecimal.valueOf(30)) <= 0) {
                p.rate = first(p.rate, value);
            }
        }
        if (p.rate == null) {
            Matcher bare = RATE_BARE.matcher(t);
            while (bare.find() && p.rate == null) {
                BigDecimal value = new BigDecimal(bare.group(1));
                if (value.compareTo(BigDecimal.valueOf(30)) <= 0) {
                    p.rate = value;
                }
            }
        }
        return p;
    }

    private static Integer creditScore(String t) {
        for (Pattern pattern : List.of(CREDIT_BEFORE, CREDIT_AFTER)) {
            Matcher m = pattern.matcher(t);
            while (m.find()) {
                int score = Integer.parseInt(m.group(1));
                if (score >= 300 && score <= 850) {
                    return score;
                }
            }
        }
        return null;
    }

    private static Integer term(String t) {
        Integer best = null;
        int bestStart = Integer.MAX_VALUE;
        for (Pattern years : List.of(TERM_YEARS_ADJ, TERM_YEARS_OVER)) {
            Matcher m = years.matcher(t);
            while (m.find()) {
                int y = Integer.parseInt(m.group(1));
                boolean history = years == TERM_YEARS_OVER
                        && HISTORY.matcher(t.substring(Math.max(0, m.start() - 30), m.start())).find();
                if (y >= 1 && y <= 50 && !history && m.start(1) < bestStart) {
                    best = y * 12;
                    bestStart = m.start(1);
                }
            }
        }
        Matcher m = TERM_MONTHS.matcher(t);
        while (m.find()) {
            int group = m.group(1) != null ? 1 : 2;
            int months = Integer.parseInt(m.group(group));
            if (months >= 1 && months <= 600 && m.start(group) < bestStart) {
                best = months;
                bestStart = m.start(group);
            }
        }
        return best;
    }

    private static BigDecimal first(BigDecimal current, BigDecimal candidate) {
        return current != null ? current : candidate;
    }

    /** Clause boundaries: a number's context runs from the previous delimiter or number to the next one. */
    private static final class Bounds {
        private final String text;
        private final int[] starts;
        private final int[] ends;

        Bounds(String text) {
            this.text = text;
            List<int[]> stops = new ArrayList<>();
            for (Pattern p : List.of(DELIMITER, ANY_NUMBER)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    stops.add(new int[] {m.start(), m.end()});
                }
            }
            starts = stops.stream().mapToInt(s -> s[0]).sorted().toArray();
            ends = stops.stream().mapToInt(s -> s[1]).sorted().toArray();
        }

        /** From the last stop ending at or before {@code start}. */
        String left(int start) {
            int i = Arrays.binarySearch(ends, start);
            int idx = i >= 0 ? lastIndexOf(ends, i) : -i - 2;
            return text.substring(idx >= 0 ? ends[idx] : 0, start);
        }

        /** To the first stop starting at or after {@code end}. */
        String right(int end) {
            int i = Arrays.binarySearch(starts, end);
            int idx = i >= 0 ? firstIndexOf(starts, i) : -i - 1;
            return text.substring(end, idx < starts.length ? starts[idx] : text.length());
        }

        private static int lastIndexOf(int[] a, int i) {
            while (i + 1 < a.length && a[i + 1] == a[i]) {
                i++;
            }
            return i;
        }

        private static int firstIndexOf(int[] a, int i) {
            while (i > 0 && a[i - 1] == a[i]) {
                i--;
            }
            return i;
        }
    }
}
