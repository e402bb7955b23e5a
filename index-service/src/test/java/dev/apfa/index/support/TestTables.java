package dev.apfa.index.support;

import dev.apfa.index.source.SourceVectors;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generated embeddings tables: seeded unit vectors whose doc ids name the table version. */
public final class TestTables {

    private TestTables() {
    }

    public static SourceVectors table(String table, long version, int n, int d, long seed) {
        Random random = new Random(seed);
        float[] vectors = new float[n * d];
        List<String> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                float v = (float) random.nextGaussian();
                vectors[i * d + j] = v;
                norm += v * v;
            }
            for (int j = 0; j < d; j++) {
                vectors[i * d + j] /= (float) Math.sqrt(norm);
            }
            ids.add("t" + version + "-doc-" + i);
        }
        return new SourceVectors(table, version, "all-MiniLM-L6-v2", d, ids, vectors);
    }

    public static float[] row(SourceVectors table, int i) {
        float[] out = new float[table.dimension()];
        System.arraycopy(table.vectors(), i * table.dimension(), out, 0, out.length);
        return out;
    }
}
