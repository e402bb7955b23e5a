package dev.apfa.faiss;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaissIndexTest {

    private static final int D = 32;
    private static final int N = 3000;
    private static final float[] DATA = Vectors.randomUnit(N, D, 42);
    private static final long[] IDS = Vectors.ids(N, 1_000_000L);
    private static final float[] QUERIES = Vectors.randomUnit(40, D, 7);

    @Test
    void flatSearchMatchesBruteForce() {
        try (FaissIndex index = FaissIndex.flatIP(D)) {
            index.add(DATA, IDS);
            assertThat(index.ntotal()).isEqualTo(N);
            for (int q = 0; q < 40; q++) {
                float[] query = Vectors.row(QUERIES, D, q);
                SearchResult result = index.search(query, 10);
                assertThat(result.ids()).containsExactly(Vectors.bruteForce(DATA, IDS, D, query, 10));
                assertThat(result.scores()[0]).isGreaterThanOrEqualTo(result.scores()[9]);
            }
        }
    }

    @Test
    void ivfSearchProbingEveryListMatchesBruteForce() {
        try (FaissIndex index = FaissIndex.ivfFlatIP(D, 16)) {
            index.train(DATA, N);
            index.add(DATA, IDS);
            for (int q = 0; q < 40; q++) {
                float[] query = Vectors.row(QUERIES, D, q);
                assertThat(index.search(query, 10, 16).ids())
                        .containsExactly(Vectors.bruteForce(DATA, IDS, D, query, 10));
            }
            // nprobe larger than nlist is clamped, not an error.
            assertThat(index.search(Vectors.row(QUERIES, D, 0), 10, 1000).size()).isEqualTo(10);
        }
    }

    @Test
    void batchSearchEqualsSingleSearches() {
        try (FaissIndex index = FaissIndex.ivfFlatIP(D, 16)) {
            index.train(DATA, N);
            index.add(DATA, IDS);
            SearchResult[] batch = index.search(QUERIES, 40, 10, 4, 0);
            for (int q = 0; q < 40; q++) {
                assertThat(batch[q]).isEqualTo(index.search(Vectors.row(QUERIES, D, q), 10, 4));
            }
        }
    }

    @Test
    void addLargerThanOneChunkIsStagedInPiecesAndStillExact() {
        int n = 600_000; // 19.2M floats: more than one 16M-float staging chunk
        float[] data = Vectors.randomUnit(n, D, 99);
        long[] ids = Vectors.ids(n, 7_000_000_000L);
        try (FaissIndex index = FaissIndex.flatIP(D)) {
            index.add(data, ids);
            assertThat(index.ntotal()).isEqualTo(n);
            for (int row : new int[]{0, 524_287, 524_288, n - 1}) {
                float[] query = Vectors.row(data, D, row);
                assertThat(index.search(query, 5).ids()).containsExactly(Vectors.bruteForce(data, ids, D, query, 5));
                assertThat(index.search(query, 1).ids()).containsExactly(ids[row]);
            }
        }
    }

    @Test
    void fewerVectorsThanKGivesOnlyRealHits() {
        try (FaissIndex index = FaissIndex.flatIP(D)) {
            index.add(Vectors.row(DATA, D, 0), new long[]{7});
            SearchResult result = index.search(Vectors.row(DATA, D, 0), 5);
            assertThat(result.ids()).containsExactly(7L);
            assertThat(result.scores()[0]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void writtenIndexReadsBackWithIdenticalResults(@TempDir Path dir) {
        for (boolean ivf : new boolean[]{false, true}) {
            Path file = dir.resolve(ivf ? "ivf.faiss" : "flat.faiss");
            SearchResult[] before;
            try (FaissIndex index = ivf ? FaissIndex.ivfFlatIP(D, 16) : FaissIndex.flatIP(D)) {
                if (ivf) {
                    index.train(DATA, N);
                }
                index.add(DATA, IDS);
                before = index.search(QUERIES, 40, 10, ivf ? 3 : 0, 1);
                index.write(file);
            }
            try (FaissIndex read = FaissIndex.read(file)) {
                assertThat(read.kind()).isEqualTo(ivf ? IndexKind.IVF_FLAT : IndexKind.FLAT_IP);
                assertThat(read.ntotal()).isEqualTo(N);
                assertThat(read.nlist()).isEqualTo(ivf ? 16 : 0);
                assertThat(read.search(QUERIES, 40, 10, ivf ? 3 : 0, 1)).containsExactly(before);
            }
        }
    }

    @Test
    void badArgumentsAreExceptionsNotCrashes(@TempDir Path dir) throws IOException {
        try (FaissIndex flat = FaissIndex.flatIP(D); FaissIndex ivf = FaissIndex.ivfFlatIP(D, 16)) {
            flat.add(DATA, IDS);
            float[] query = Vectors.row(QUERIES, D, 0);
            assertThatThrownBy(() -> flat.search(new float[D - 1], 10)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("dimension");
            assertThatThrownBy(() -> flat.search(new float[0], 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> flat.search(null, 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> flat.search(query, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> flat.search(query, -3)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> flat.search(query, FaissIndex.MAX_K + 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> flat.search(query, 10, 8)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nprobe");
            assertThatThrownBy(() -> flat.search(QUERIES, 41, 10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
            float[] nan = query.clone();
            nan[3] = Float.NaN;
            assertThatThrownBy(() -> flat.search(nan, 10)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> flat.add(DATA, new long[0])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> flat.add(DATA, new long[3])).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> flat.train(DATA, N)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> ivf.add(DATA, IDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("trained");
            assertThatThrownBy(() -> ivf.train(DATA, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ivf.train(Vectors.randomUnit(8, D, 1), 8)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nlist");
            assertThatThrownBy(() -> FaissIndex.flatIP(0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> FaissIndex.ivfFlatIP(D, 0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> FaissIndex.read(dir.resolve("missing.faiss"))).isInstanceOf(IllegalArgumentException.class);
            Path garbage = Files.write(dir.resolve("garbage.faiss"), "this is not a FAISS index".getBytes());
            // Gets past the Java checks: FAISS's own C++ exception must arrive as a Java exception.
            assertThatThrownBy(() -> FaissIndex.read(garbage)).isInstanceOf(FaissException.class);
            assertThatThrownBy(() -> flat.write(dir.resolve("no/such/dir/x.faiss"))).isInstanceOf(IllegalArgumentException.class);
            assertThat(flat.ntotal()).isEqualTo(N);
        }
    }

    @Test
    void closedIndexRefusesEveryCall() {
        FaissIndex index = FaissIndex.flatIP(D);
        index.add(DATA, IDS);
        index.close();
        index.close();
        assertThat(index.isClosed()).isTrue();
        assertThatThrownBy(() -> index.search(Vectors.row(QUERIES, D, 0), 10)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(index::ntotal).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> index.add(DATA, IDS)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentSearchesWhileAWriterAddsAndThenCloses() throws Exception {
        FaissIndex index = FaissIndex.ivfFlatIP(D, 16);
        index.train(DATA, N);
        index.add(DATA, IDS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> searchers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int seed = t;
                searchers.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 200; i++) {
                        SearchResult r = index.search(Vectors.row(QUERIES, D, (seed + i) % 40), 10, 1 + i % 16);
                        if (r.size() == 10) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (int batch = 0; batch < 20; batch++) {
                index.add(Vectors.randomUnit(50, D, 100 + batch), Vectors.ids(50, 5_000_000L + batch * 50L));
            }
            for (Future<Integer> searcher : searchers) {
                assertThat(searcher.get(60, TimeUnit.SECONDS)).isEqualTo(200);
            }
            assertThat(index.ntotal()).isEqualTo(N + 20 * 50);
            index.close();
            assertThatThrownBy(() -> index.search(Vectors.row(QUERIES, D, 0), 10)).isInstanceOf(IllegalStateException.class);
        } finally {
            pool.shutdownNow();
        }
    }
}
