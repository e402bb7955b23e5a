package dev.apfa.embedding;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code apfa.embedding.*}: see application.yml for what each setting is for. */
@ConfigurationProperties("apfa.embedding")
public record EmbeddingProperties(String jobsTopic, int jobsPartitions, int workers, int intraOpThreads, int itemSize,
                                  int queryThreads, int queryQueue, Duration progressInterval) {

    /** Worker threads to run: the configured number, or one per core when 0. */
    public int effectiveWorkers() {
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }
}
