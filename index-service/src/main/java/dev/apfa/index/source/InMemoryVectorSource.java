package dev.apfa.index.source;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Table versions held in memory (tests, benchmarks); {@link #put} adds a version. */
public class InMemoryVectorSource implements VectorSource {

    private final Map<String, ConcurrentSkipListMap<Long, SourceVectors>> tables = new ConcurrentHashMap<>();

    public void put(SourceVectors vectors) {
        tables.computeIfAbsent(vectors.table(), t -> new ConcurrentSkipListMap<>()).put(vectors.version(), vectors);
    }

    @Override
    public SourceVectors read(String table, Long version) {
        ConcurrentSkipListMap<Long, SourceVectors> versions = tables.get(table);
        if (versions == null || versions.isEmpty()) {
            throw new SourceUnavailableException("table '" + table + "' has no data");
        }
        return Optional.ofNullable(version == null ? versions.lastEntry().getValue() : versions.get(version))
                .orElseThrow(() -> new SourceUnavailableException("table '" + table + "' has no version " + version));
    }
}
