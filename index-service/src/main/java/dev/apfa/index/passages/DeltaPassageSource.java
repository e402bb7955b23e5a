package dev.apfa.index.passages;

import dev.apfa.index.source.SourceUnavailableException;
import dev.apfa.lakehouse.DeltaTable;
import dev.apfa.lakehouse.Document;
import dev.apfa.lakehouse.DocumentCodec;
import dev.apfa.lakehouse.Lakehouse;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads passages from the Delta corpus table at the version each embedding was computed from
 * (usually one or two versions per build: documents unchanged since an earlier batch keep their
 * older row), so the text cited is the text that was embedded. The content hash proves it.
 */
public class DeltaPassageSource implements PassageSource {

    private final Lakehouse lakehouse;

    public DeltaPassageSource(Lakehouse lakehouse) {
        this.lakehouse = lakehouse;
    }

    @Override
    public List<Passage> read(List<String> docIds, Provenance provenance) {
        Map<Long, Map<String, Integer>> wantedByVersion = new TreeMap<>();
        for (int i = 0; i < docIds.size(); i++) {
            wantedByVersion.computeIfAbsent(provenance.sourceVersions()[i], v -> new HashMap<>()).put(docIds.get(i), i);
        }
        DeltaTable table = lakehouse.table(provenance.corpusTable());
        long latest = table.latestVersion();
        Passage[] passages = new Passage[docIds.size()];
        wantedByVersion.forEach((version, wanted) -> {
            if (version < 0 || version > latest) {
                throw new SourceUnavailableException("corpus table '" + provenance.corpusTable() + "' has no version " + version);
            }
            table.forEach(version, DocumentCodec.INSTANCE, document -> {
                Integer row = wanted.get(document.id());
                if (row != null) {
                    passages[row] = checked(document, provenance.contentHashes().get(row), version);
                }
            });
        });
        for (int i = 0; i < passages.length; i++) {
            if (passages[i] == null) {
                throw new SourceUnavailableException("document '" + docIds.get(i) + "' is not in '" + provenance.corpusTable()
                        + "' at version " + provenance.sourceVersions()[i]);
            }
        }
        return Arrays.asList(passages);
    }

    private static Passage checked(Document document, String expectedHash, long version) {
        if (expectedHash != null && !expectedHash.equals(document.contentHash())) {
            throw new SourceUnavailableException("document '" + document.id() + "' at version " + version
                    + " differs from the text its embedding was computed from");
        }
        return new Passage(document.id(), document.title(), document.section(), document.source(), document.text());
    }
}
