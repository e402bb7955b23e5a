package dev.apfa.contracts;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The values of ARCHITECTURE.md's "Kafka topics" table. */
class TopicTest {

    @Test
    void topicsHaveThePartitionsAndRetentionOfTheArchitecture() {
        assertThat(Topic.values()).extracting(Topic::topicName, Topic::partitions, Topic::retention).containsExactly(
                tuple("task-events", 12, Duration.ofDays(7)),
                tuple("batch-progress", 6, Duration.ofHours(24)),
                tuple("audit-events", 3, Duration.ofDays(90)),
                tuple("metrics-stream", 6, Duration.ofDays(3)));
    }

    @Test
    void deadLetterTopicIsTheTopicNameWithDltSuffix() {
        assertThat(Topic.AUDIT_EVENTS.deadLetterTopicName()).isEqualTo("audit-events.DLT");
        assertThat(Topic.deadLetterTopicName("embedding-jobs")).isEqualTo("embedding-jobs.DLT");
    }

    @Test
    void topicIsFoundByName() {
        assertThat(Topic.ofName("metrics-stream")).isEqualTo(Topic.METRICS_STREAM);
        assertThatThrownBy(() -> Topic.ofName("metrics")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTopicCarriesAtLeastOneEventType() {
        for (Topic topic : Topic.values()) {
            assertThat(EventTypes.onTopic(topic)).as(topic.topicName()).isNotEmpty();
        }
    }
}
