package dev.apfa.contracts;

import java.time.Duration;

/**
 * The Kafka topics of ARCHITECTURE.md ("Kafka topics"): name, partitions, retention and what the
 * record key is. Every producer, consumer and provisioner takes these values from here.
 */
public enum Topic {
    TASK_EVENTS("task-events", 12, Duration.ofDays(7), "task, batch or index id"),
    BATCH_PROGRESS("batch-progress", 6, Duration.ofHours(24), "batch id"),
    AUDIT_EVENTS("audit-events", 3, Duration.ofDays(90), "actor id"),
    METRICS_STREAM("metrics-stream", 6, Duration.ofDays(3), "service name");

    /** Suffix of the dead-letter topic that consumers of {@code <topic>} publish poison records to. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    /** Dead-letter topics keep records long enough for a person to look at them. */
    public static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(14);

    private final String topicName;
    private final int partitions;
    private final Duration retention;
    private final String key;

    Topic(String topicName, int partitions, Duration retention, String key) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.retention = retention;
        this.key = key;
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    public Duration retention() {
        return retention;
    }

    /** What the record key holds, in words (for docs and error messages). */
    public String key() {
        return key;
    }

    public String deadLetterTopicName() {
        return deadLetterTopicName(topicName);
    }

    public static String deadLetterTopicName(String topicName) {
        return topicName + DEAD_LETTER_SUFFIX;
    }

    /** The topic with this name, or an exception naming the known ones. */
    public static Topic ofName(String name) {
        for (Topic topic : values()) {
            if (topic.topicName.equals(name)) {
                return topic;
            }
        }
        throw new IllegalArgumentException("unknown topic '" + name + "'");
    }
}
