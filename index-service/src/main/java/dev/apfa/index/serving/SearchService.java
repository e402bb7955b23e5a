package dev.apfa.index.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.apfa.faiss.IndexKind;
import dev.apfa.faiss.SearchResult;
import dev.apfa.index.build.Manifest;
import dev.apfa.index.passages.Excerpts;
import dev.apfa.index.passages.Passage;

import java.util.ArrayList;
import java.util.List;

/** ANN search on whatever version is active when the search starts; it finishes on that version. */
public class SearchService {

    private final ActiveIndex active;

    public SearchService(ActiveIndex active) {
        this.active = active;
    }

    /** @throws NoActiveIndexException when no version is active */
    public void requireActive() {
        if (active.version().isEmpty()) {
            throw new NoActiveIndexException();
        }
    }

    /**
     * @param nprobe lists to probe (IVF only), or null for the version's default
     * @throws IllegalArgumentException when the vector does not fit the active version
     */
    public Hits search(float[] vector, int k, Integer nprobe) {
        return active.withActive(loaded -> {
            if (vector.length != loaded.index().dimension()) {
                throw new IllegalArgumentException("vector has dimension " + vector.length
                        + ", the active index expects " + loaded.index().dimension());
            }
            int probes = 0;
            if (loaded.index().kind() == IndexKind.IVF_FLAT) {
                Manifest.Parameters parameters = loaded.manifest().parameters();
                probes = nprobe != null ? nprobe : parameters != null && parameters.nprobe() != null ? parameters.nprobe() : 1;
            }
            SearchResult result = loaded.index().search(vector, k, probes);
            List<Hit> hits = new ArrayList<>(result.size());
            for (int i = 0; i < result.size(); i++) {
                hits.add(Hit.of(loaded.docId(result.ids()[i]), result.scores()[i], loaded.passage(result.ids()[i])));
            }
            return new Hits(loaded.version(), hits);
        });
    }

    /**
     * One result: the doc id and score, plus the passage it names in the same version (absent for
     * versions built without passages): title, section, source, {@code text} (the passage, at most
     * {@link Excerpts#TEXT_LIMIT} characters) and a short {@code snippet} for citations.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(String docId, float score, String title, String section, String source, String text,
                      String snippet) {

        static Hit of(String docId, float score, Passage passage) {
            if (passage == null) {
                return new Hit(docId, score, null, null, null, null, null);
            }
            return new Hit(docId, score, passage.title(), passage.section(), passage.source(),
                    Excerpts.text(passage.text()), Excerpts.snippet(passage.text()));
        }
    }

    public record Hits(int indexVersion, List<Hit> results) {
    }
}
