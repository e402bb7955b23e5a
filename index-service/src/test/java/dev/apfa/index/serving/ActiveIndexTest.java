package dev.apfa.index.serving;

import dev.apfa.faiss.FaissIndex;
import dev.apfa.index.build.Manifest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reference counting of the hot swap: the old native index lives exactly as long as a search holds it. */
class ActiveIndexTest {

    @Test
    void swappedOutIndexIsReleasedOnlyAfterItsLastSearch() throws Exception {
        ActiveIndex active = new ActiveIndex();
        assertThatThrownBy(() -> active.withActive(LoadedIndex::version)).isInstanceOf(NoActiveIndexException.class);
        LoadedIndex first = loaded(1);
        LoadedIndex second = loaded(2);
        active.swap(first);

        CountDownLatch inSearch = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> slowSearch = pool.submit(() -> active.withActive(loaded -> {
                inSearch.countDown();
                await(finish);
                // Still usable although it was swapped out meanwhile.
                return (int) loaded.index().search(new float[]{1, 0, 0, 0}, 1).ids()[0] + loaded.version() * 100;
            }));
            assertThat(inSearch.await(30, TimeUnit.SECONDS)).isTrue();
            active.swap(second);
            assertThat(active.withActive(LoadedIndex::version)).isEqualTo(2);
            assertThat(first.isReleased()).isFalse();
            finish.countDown();
            assertThat(slowSearch.get(30, TimeUnit.SECONDS)).isEqualTo(100);
            assertThat(first.isReleased()).isTrue();
            assertThat(second.isReleased()).isFalse();
            active.clear();
            assertThat(second.isReleased()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }

    private static LoadedIndex loaded(int version) {
        FaissIndex index = FaissIndex.flatIP(4);
        index.add(new float[]{1, 0, 0, 0}, new long[]{0});
        Manifest manifest = new Manifest("knowledge", version, "b", "embeddings", 1, "m", "inner_product", null, 4,
                null, 1, 1.0, 1000, java.util.Map.of(), java.time.Instant.now());
        return new LoadedIndex(manifest, index, List.of("doc"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
