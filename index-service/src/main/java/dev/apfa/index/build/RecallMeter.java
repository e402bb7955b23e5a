package dev.apfa.index.build;

import dev.apfa.faiss.FaissIndex;
import dev.apfa.faiss.SearchResult;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * recall@10 of a candidate index against exact search. Queries are held out: each is a data
 * vector drawn at random (with replacement, so small tables still give the full count) plus
 * Gaussian noise, renormalised, so no query is itself a stored vector.
 */
public final class RecallMeter {

    private static final int K = 10;
    private static final double NOISE = 0.3;

    private RecallMeter() {
    }

    public static float[] heldOutQueries(float[] vectors, int n, int d, int count, long seed) {
        Random random = new Random(seed);
        float[] queries = new float[count * d];
        double sigma = NOISE / Math.sqrt(d);
        for (int q = 0; q < count; q++) {
            int row = random.nextInt(n);
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double v = vectors[row * d + j] + sigma * random.nextGaussian();
                queries[q * d + j] = (float) v;
                norm += v * v;
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < d; j++) {
                queries[q * d + j] *= inv;
            }
        }
        return queries;
    }

    /** Fraction of the exact top-10 that the candidate also returns in its top 10, over all queries. */
    public static double recallAt10(FaissIndex exact, FaissIndex candidate, float[] queries, int count, int nprobe) {
        SearchResult[] truth = exact.search(queries, count, K, 0, 0);
        SearchResult[] found = candidate.search(queries, count, K,
                candidate.nlist() > 0 ? nprobe : 0, 0);
        long hits = 0;
        long wanted = 0;
        for (int q = 0; q < count; q++) {
            Set<Long> expected = new HashSet<>();
            for (long id : truth[q].ids()) {
                expected.add(id);
            }
            wanted += expected.size();
            for (long id : found[q].ids()) {
                if (expected.contains(id)) {
                    hits++;
                }
            }
        }
        return wanted == 0 ? 0 : (double) hits / wanted;
    }
}
