package dev.apfa.index;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * index-service settings ({@code apfa.index.*}, each with an environment variable in application.yml).
 *
 * @param name            the index served and built, {@code indexes/<name>/v<N>/} in the artifact store
 * @param artifactDir     root of the filesystem artifact store
 * @param cacheDir        where artifacts are copied before loading (and checked against their sha256)
 * @param flatMaxVectors  below this many vectors a build is IndexFlatIP, above it IndexIVFFlat
 * @param nlistFactor     IVF nlist = factor × √N, unless {@code nlist} is set
 * @param nlist           fixed nlist; 0 = from nlistFactor
 * @param nprobe          lists probed per search unless the request says otherwise
 * @param recallQueries   held-out queries for the recall@10 check of a build
 * @param recallThreshold a build below this recall@10 is rejected
 * @param taskTopic       topic of task-events (tests use a unique copy)
 * @param sourceTable     the Delta table builds read
 * @param retainVersions  versions kept in the artifact store after a publish (the newest ones, plus the
 *                        active one); 0 keeps every version
 */
@ConfigurationProperties("apfa.index")
public record IndexProperties(
        String name,
        Path artifactDir,
        Path cacheDir,
        int flatMaxVectors,
        double nlistFactor,
        int nlist,
        int nprobe,
        int recallQueries,
        double recallThreshold,
        String taskTopic,
        String sourceTable,
        int retainVersions) {
}
