package dev.apfa.lakehouse;

import io.delta.standalone.actions.AddFile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Writes N synthetic but realistic loan passages (N up to a million and more) into a Delta table,
 * for scale tests and benchmarks. Each passage combines a product, a borrower situation and a
 * worked payment example computed with the real amortisation formula, so the texts have the
 * length and vocabulary of the real corpus. Deterministic for a given seed.
 *
 * <pre>java -cp … dev.apfa.lakehouse.SyntheticCorpus &lt;table&gt; &lt;count&gt; [seed]</pre>
 * (tables under {@link Lakehouse#fromEnvironment()}).
 */
public final class SyntheticCorpus {

    /** Rows per Parquet file: about 25 MB of text, a size Delta readers handle well. */
    static final int ROWS_PER_FILE = 100_000;

    private static final String[] PRODUCTS = {"30-year fixed mortgage", "15-year fixed mortgage", "5/6 adjustable-rate mortgage",
            "7/6 adjustable-rate mortgage", "FHA loan", "VA loan", "USDA loan", "jumbo mortgage", "home equity line of credit",
            "home equity loan", "new car loan", "used car loan", "personal loan", "private student loan", "cash-out refinance"};
    private static final String[] BORROWERS = {"a first-time buyer", "a nurse moving for a new job", "a retired couple",
            "a self-employed designer", "a veteran returning to civilian work", "a teacher in a rural district",
            "a family with two children", "a recent graduate", "a small business owner", "a single parent"};
    private static final String[] ADVICE = {
            "Compare at least three loan estimates on the same day so that the offers are comparable.",
            "Keep the back-end debt-to-income ratio near thirty-six percent to leave room for savings.",
            "Ask whether the rate can be locked and for how long before choosing a lender.",
            "Check the annual percentage rate, not only the interest rate, because it includes most fees.",
            "Build an emergency fund of several months of expenses before taking on the payment.",
            "Review all three credit reports for errors a few months before applying.",
            "Budget one to two percent of the home's value each year for maintenance.",
            "Never pay an upfront fee by gift card or wire to receive a loan; that is a scam.",
            "If a payment may be missed, call the servicer early to ask about hardship options.",
            "Work out the payment at the rate cap before accepting an adjustable rate."};
    private static final String[] SECTIONS = {"synthetic/mortgages", "synthetic/auto", "synthetic/personal",
            "synthetic/student", "synthetic/home-equity", "synthetic/refinancing"};

    private SyntheticCorpus() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: SyntheticCorpus <table> <count> [seed]");
            System.exit(2);
        }
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
        long started = System.nanoTime();
        long version = write(Lakehouse.fromEnvironment().table(args[0]), Long.parseLong(args[1]), seed);
        System.out.printf(Locale.ROOT, "wrote %s rows to %s version %d in %.1f s%n", args[1], args[0], version,
                (System.nanoTime() - started) / 1e9);
    }

    /** Writes {@code count} passages as one new version of {@code table} and returns that version. */
    public static long write(DeltaTable table, long count, long seed) {
        List<AddFile> files = new ArrayList<>();
        for (long start = 0; start < count; start += ROWS_PER_FILE) {
            long end = Math.min(count, start + ROWS_PER_FILE);
            long from = start;
            files.add(table.writeDataFile(DocumentCodec.INSTANCE, () -> documents(from, end, seed), null, Map.of("origin", "synthetic")));
        }
        return table.commit(DocumentCodec.INSTANCE, files, "synthetic corpus of " + count, null);
    }

    /** The first {@code count} passages for {@code seed}, in memory (benchmarks, tests). */
    public static List<Document> sample(int count, long seed) {
        List<Document> out = new ArrayList<>(count);
        documents(0, count, seed).forEachRemaining(out::add);
        return out;
    }

    /** Passages {@code from} (inclusive) to {@code to} (exclusive); passage i is the same for a given seed. */
    static Iterator<Document> documents(long from, long to, long seed) {
        return new Iterator<>() {
            long next = from;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public Document next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return passage(next++, seed);
            }
        };
    }

    static Document passage(long i, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        String product = PRODUCTS[random.nextInt(PRODUCTS.length)];
        String borrower = BORROWERS[random.nextInt(BORROWERS.length)];
        int years = product.contains("15-year") ? 15 : product.contains("car") ? 3 + random.nextInt(4)
                : product.contains("personal") ? 2 + random.nextInt(5) : product.contains("student") ? 10 : 30;
        double amount = product.contains("car") || product.contains("personal") ? 5_000 + random.nextInt(60) * 500
                : product.contains("jumbo") ? 800_000 + random.nextInt(80) * 10_000 : 90_000 + random.nextInt(90) * 5_000;
        double rate = 4.0 + random.nextInt(60) / 10.0;
        double income = amount / (2.0 + random.nextDouble() * 3.0);
        double payment = monthlyPayment(amount, rate, years);
        double dti = payment / (income / 12) * 100;
        String text = String.format(Locale.ROOT,
                "Consider %s looking at a %s of $%,.0f at %.1f%% over %d years. The monthly principal and interest "
                        + "would be about $%,.0f, or %.0f%% of a gross monthly income of $%,.0f before other debts. %s %s",
                borrower, product, amount, rate, years, payment, dti, income / 12,
                dti > 36 ? "That is above the common thirty-six percent guideline, so a smaller loan or a larger down payment deserves a look."
                        : "That is within common affordability guidelines if other debts are modest.",
                ADVICE[random.nextInt(ADVICE.length)]);
        String id = String.format(Locale.ROOT, "syn-%08d", i);
        return new Document(id, "Worked example: " + product + " for " + borrower,
                SECTIONS[(int) (i % SECTIONS.length)], "apfa-synthetic", text);
    }

    /** The standard amortisation formula: P·r / (1 − (1+r)^−n) with the monthly rate r. */
    static double monthlyPayment(double principal, double annualRatePercent, int years) {
        double r = annualRatePercent / 100 / 12;
        int n = years * 12;
        return principal * r / (1 - Math.pow(1 + r, -n));
    }
}
