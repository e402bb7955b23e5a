package dev.apfa.embedding.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's embedder agrees with reference vectors computed independently of its code path
 * (bench/embedding/ReferenceVectors.java: raw tokenizer + raw ONNX Runtime + mean pooling written
 * out by hand) at cosine ≥ 0.99, and the vectors carry meaning: a mortgage question is closer to
 * another mortgage question than to a fraud warning.
 */
class ReferenceAgreementTest {

    private static final Map<String, float[]> REFERENCE = new LinkedHashMap<>();
    private static OnnxEmbedder embedder;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = ReferenceAgreementTest.class.getResourceAsStream("/reference-vectors.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.split("\t");
                String[] values = parts[1].split(",");
                float[] vector = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    vector[i] = Float.parseFloat(values[i]);
                }
                REFERENCE.put(parts[0], vector);
            }
        }
        embedder = new OnnxEmbedder(1);
    }

    @Test
    void agreesWithTheReferenceVectors() {
        assertThat(REFERENCE).hasSizeGreaterThanOrEqualTo(5);
        REFERENCE.forEach((sentence, reference) -> {
            float[] vector = embedder.embed(sentence);
            assertThat(vector).hasSize(OnnxEmbedder.DIMENSIONS);
            assertThat(cosine(vector, reference)).as(sentence).isGreaterThanOrEqualTo(0.99);
        });
    }

    @Test
    void similarQuestionsAreCloserThanUnrelatedOnes() {
        float[] fixed = embedder.embed("What is the monthly payment on a 30-year fixed mortgage?");
        float[] similar = embedder.embed("How much would I pay each month for a thirty year home loan?");
        float[] unrelated = embedder.embed("Someone asked me to wire closing funds to a new account by email.");
        assertThat(cosine(fixed, similar)).isGreaterThan(cosine(fixed, unrelated) + 0.2);
    }

    @Test
    void vectorsAreUnitLengthAndBlankTextIsRejected() {
        float[] vector = embedder.embed("Closing costs");
        assertThat(Math.sqrt(dot(vector, vector))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(Arrays.asList(" ", "", null)).allSatisfy(text ->
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> embedder.embed(text)).isInstanceOf(IllegalArgumentException.class));
    }

    static double cosine(float[] a, float[] b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
