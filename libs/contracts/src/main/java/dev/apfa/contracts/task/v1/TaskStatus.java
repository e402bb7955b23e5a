package dev.apfa.contracts.task.v1;

/**
 * Lifecycle of an embedding batch or an index build; the same four values the admin API and the
 * Elasticsearch {@code tasks} index use (ARCHITECTURE.md, "Wire conventions"). Serialised by name.
 */
public enum TaskStatus {
    QUEUED,
    RUNNING,
    COMPLETED,
    FAILED
}
