package dev.apfa.lakehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped corpus has the shape the pipeline relies on, and seeds knowledge_base once. */
class KnowledgeCorpusTest {

    private static final Pattern ID = Pattern.compile("^[a-z]+-\\d{3}$");

    @TempDir
    Path dir;

    @Test
    void corpusHasAtLeastThreeHundredWellFormedPassagesWithUniqueIds() {
        List<Document> corpus = KnowledgeCorpus.load();

        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
        assertThat(corpus.stream().map(Document::id).collect(Collectors.toSet())).hasSameSizeAs(corpus);
        assertThat(corpus).allSatisfy(doc -> {
            assertThat(doc.id()).matches(ID);
            assertThat(doc.title()).isNotBlank().hasSizeLessThan(120);
            assertThat(doc.section()).isNotBlank();
            assertThat(doc.source()).startsWith("apfa-knowledge/");
            assertThat(doc.text()).hasSizeBetween(120, 1000).doesNotContain("@ ");
        });
        Set<String> sections = corpus.stream().map(Document::section).collect(Collectors.toSet());
        assertThat(sections).hasSizeGreaterThanOrEqualTo(12);
        assertThat(corpus.stream().map(Document::text))
                .anyMatch(t -> t.contains("FHA")).anyMatch(t -> t.contains("VA loan")).anyMatch(t -> t.contains("USDA"))
                .anyMatch(t -> t.contains("jumbo")).anyMatch(t -> t.contains("HELOC") || t.contains("home equity line"));
    }

    @Test
    void seedingIsIdempotent() {
        Lakehouse lakehouse = Lakehouse.at(dir.toString());
        long first = KnowledgeBaseSeeder.seedIfEmpty(lakehouse);
        long second = KnowledgeBaseSeeder.seedIfEmpty(lakehouse);

        DeltaTable table = lakehouse.table(Lakehouse.KNOWLEDGE_BASE);
        assertThat(first).isZero();
        assertThat(second).isZero();
        assertThat(table.latestVersion()).isZero();
        assertThat(table.readAll(0, DocumentCodec.INSTANCE)).containsExactlyElementsOf(KnowledgeCorpus.load());
    }

    @Test
    void syntheticCorpusIsDeterministicAndRealistic() {
        DeltaTable table = Lakehouse.at(dir.toString()).table("synthetic_docs");
        long version = SyntheticCorpus.write(table, 2_500, 7);

        List<Document> rows = table.readAll(version, DocumentCodec.INSTANCE);
        assertThat(rows).hasSize(2_500);
        assertThat(table.count(version)).isEqualTo(2_500);
        assertThat(rows.get(10)).isEqualTo(SyntheticCorpus.passage(10, 7));
        assertThat(rows.stream().map(Document::id).distinct()).hasSize(2_500);
        assertThat(rows).allSatisfy(doc -> assertThat(doc.text()).contains("monthly principal and interest").hasSizeGreaterThan(200));
        assertThat(SyntheticCorpus.monthlyPayment(200_000, 6.0, 30)).isBetween(1199.0, 1200.0);
    }
}
