package dev.apfa.audit.elasticsearch;

import dev.apfa.contracts.Topic;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

/**
 * Dead-letters a record whose document Elasticsearch refused for good (a mapping error), with the
 * reason in the {@code kafka_dlt-exception-message} header like every other dead letter. The
 * recoverer waits for the broker's acknowledgement, so the offset is committed only after the
 * dead letter is durable.
 */
@Component
public class RejectedRecords {

    private static final Logger log = LoggerFactory.getLogger(RejectedRecords.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final MeterRegistry meters;

    RejectedRecords(KafkaTemplate<String, String> template, MeterRegistry meters) {
        this.recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topic.deadLetterTopicName(record.topic()), record.partition()));
        this.meters = meters;
    }

    public void deadLetter(ConsumerRecord<String, String> record, String reason) {
        log.warn("dead-lettering {}-{}@{}: elasticsearch refused the document: {}", record.topic(), record.partition(),
                record.offset(), reason);
        meters.counter("apfa.kafka.dead.letters", "topic", record.topic()).increment();
        recoverer.accept(record, new DocumentRejectedException("elasticsearch refused the document: " + reason));
    }

    static class DocumentRejectedException extends RuntimeException {
        DocumentRejectedException(String message) {
            super(message);
        }
    }
}
