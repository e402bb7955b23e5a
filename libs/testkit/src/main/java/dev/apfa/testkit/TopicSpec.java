package dev.apfa.testkit;

import dev.apfa.contracts.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A topic as it must exist: name, partition count, retention. */
record TopicSpec(String name, int partitions, Duration retention) {

    /** Every contract topic ({@link Topic}) and its dead-letter topic with the same partitions. */
    static List<TopicSpec> fromContracts() {
        List<TopicSpec> specs = new ArrayList<>();
        for (Topic topic : Topic.values()) {
            specs.add(new TopicSpec(topic.topicName(), topic.partitions(), topic.retention()));
            specs.add(new TopicSpec(topic.deadLetterTopicName(), topic.partitions(), Topic.DEAD_LETTER_RETENTION));
        }
        return specs;
    }

    String retentionMs() {
        return Long.toString(retention.toMillis());
    }
}
