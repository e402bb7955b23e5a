package dev.apfa.index.serving;

import dev.apfa.faiss.IndexKind;
import dev.apfa.faiss.SearchResult;
import dev.apfa.index.build.Manifest;

import java.util.ArrayList;
import java.util.List;

/** ANN search on whatever version is active when the search starts; it finishes on that version. */
public class SearchService {

    private final ActiveIndex active;

    public SearchService(ActiveIndex active) {
        this.active = active;
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
                hits.add(new Hit(loaded.docId(result.ids()[i]), result.scores()[i]));
            }
            return new Hits(loaded.version(), hits);
        });
    }

    public record Hit(String docId, float score) {
    }

    public record Hits(int indexVersion, List<Hit> results) {
    }
}
