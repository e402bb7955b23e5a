package dev.apfa.index.build;

import dev.apfa.contracts.task.v1.IndexType;

import java.nio.file.Path;

/** A build's files in its work directory, with the figures the manifest and the events carry. */
public record BuiltIndex(IndexType type, Integer nlist, Integer nprobe, long ntotal, int dimension,
                         double recallAt10, int recallQueries, Path indexFile, Path idsFile) {
}
