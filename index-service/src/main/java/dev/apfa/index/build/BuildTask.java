package dev.apfa.index.build;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.apfa.contracts.task.v1.TaskStatus;

import java.time.Instant;

/** What the admin API shows of a build: status QUEUED → RUNNING → COMPLETED or FAILED. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BuildTask(String buildId, String indexName, TaskStatus status, Integer version,
                        @JsonProperty("recall_at_10") Double recallAt10, String failureCode, String reason, Instant createdAt,
                        Instant updatedAt) {

    static BuildTask queued(String buildId, String indexName) {
        Instant now = Instant.now();
        return new BuildTask(buildId, indexName, TaskStatus.QUEUED, null, null, null, null, now, now);
    }

    BuildTask running() {
        return new BuildTask(buildId, indexName, TaskStatus.RUNNING, null, null, null, null, createdAt, Instant.now());
    }

    BuildTask completed(int version, double recall) {
        return new BuildTask(buildId, indexName, TaskStatus.COMPLETED, version, recall, null, null, createdAt, Instant.now());
    }

    BuildTask failed(String failureCode, String reason, Double recall) {
        return new BuildTask(buildId, indexName, TaskStatus.FAILED, null, recall, failureCode, reason, createdAt, Instant.now());
    }
}
