package dev.apfa.faiss;

import java.util.Random;

/** Test data: seeded random unit vectors, and exact top-k by inner product computed in plain Java. */
final class Vectors {

    private Vectors() {
    }

    static float[] randomUnit(int n, int d, long seed) {
        Random random = new Random(seed);
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                float v = (float) random.nextGaussian();
                out[i * d + j] = v;
                norm += v * v;
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < d; j++) {
                out[i * d + j] *= inv;
            }
        }
        return out;
    }

    static long[] ids(int n, long first) {
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = first + i;
        }
        return ids;
    }

    static float[] row(float[] data, int d, int i) {
        float[] out = new float[d];
        System.arraycopy(data, i * d, out, 0, d);
        return out;
    }

    /** Ids of the k vectors with the largest inner product, best first (selection: k passes over n). */
    static long[] bruteForce(float[] data, long[] ids, int d, float[] query, int k) {
        int n = ids.length;
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += (double) data[i * d + j] * query[j];
            }
            scores[i] = s;
        }
        long[] out = new long[Math.min(k, n)];
        for (int r = 0; r < out.length; r++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (scores[i] != Double.NEGATIVE_INFINITY && (best < 0 || scores[i] > scores[best])) {
                    best = i;
                }
            }
            out[r] = ids[best];
            scores[best] = Double.NEGATIVE_INFINITY;
        }
        return out;
    }
}
