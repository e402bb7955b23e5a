package dev.apfa.faiss;

import java.util.Arrays;

/**
 * The hits of one query, best first. FAISS pads with label -1 when fewer than k vectors were
 * reachable (small index, few probed lists); those slots are left out here.
 */
public record SearchResult(long[] ids, float[] scores) {

    public SearchResult {
        if (ids.length != scores.length) {
            throw new IllegalArgumentException("ids and scores differ in length");
        }
    }

    public int size() {
        return ids.length;
    }

    static SearchResult of(long[] labels, float[] distances, int offset, int k) {
        int count = 0;
        while (count < k && labels[offset + count] >= 0) {
            count++;
        }
        return new SearchResult(Arrays.copyOfRange(labels, offset, offset + count),
                Arrays.copyOfRange(distances, offset, offset + count));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SearchResult that && Arrays.equals(ids, that.ids) && Arrays.equals(scores, that.scores);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "SearchResult" + Arrays.toString(ids) + Arrays.toString(scores);
    }
}
