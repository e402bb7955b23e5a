package dev.apfa.index.passages;

import dev.apfa.index.source.SourceUnavailableException;

import java.util.List;

/** Reads the passages behind a build's vectors from the corpus table. */
public interface PassageSource {

    /**
     * @param docIds the build's doc ids, in label order
     * @return the passage of each doc id, in the same order
     * @throws SourceUnavailableException when a document is missing at its recorded version or its
     *         content no longer matches the hash its embedding was computed from
     */
    List<Passage> read(List<String> docIds, Provenance provenance);
}
