package dev.apfa.embedding.batch;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Work-item sizing: every document in exactly one item, items evenly sized, as many per partition. */
class BatchPlannerTest {

    @Test
    void itemsAreAMultipleOfThePartitionsAndEvenlySized() {
        int items = BatchPlanner.itemCount(4000, 64, 12);
        assertThat(items).isEqualTo(72);
        int[] sizes = IntStream.range(0, items).map(seq -> BatchPlanner.itemSize(4000, items, seq)).toArray();
        assertThat(IntStream.of(sizes).sum()).isEqualTo(4000);
        assertThat(IntStream.of(sizes).max().orElseThrow()).isLessThanOrEqualTo(64);
        assertThat(IntStream.of(sizes).max().orElseThrow() - IntStream.of(sizes).min().orElseThrow()).isLessThanOrEqualTo(1);
        // Round-robin over 12 partitions: each partition's documents differ by at most one item's rounding.
        int[] perPartition = new int[12];
        for (int seq = 0; seq < items; seq++) {
            perPartition[seq % 12] += sizes[seq];
        }
        assertThat(IntStream.of(perPartition).max().orElseThrow() - IntStream.of(perPartition).min().orElseThrow()).isLessThanOrEqualTo(items / 12);
    }

    @Test
    void fewDocumentsGiveOneItemEachAndNothingGivesNoItem() {
        assertThat(BatchPlanner.itemCount(0, 64, 12)).isZero();
        assertThat(BatchPlanner.itemCount(3, 64, 12)).isEqualTo(3);
        assertThat(IntStream.range(0, 3).map(seq -> BatchPlanner.itemSize(3, 3, seq))).containsOnly(1);
        assertThat(BatchPlanner.itemCount(1_000_000, 64, 12)).isEqualTo(15_636);
    }
}
