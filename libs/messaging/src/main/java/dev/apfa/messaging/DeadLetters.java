package dev.apfa.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.kafka.support.serializer.DeserializationException;

import dev.apfa.contracts.Topic;

import java.time.Duration;

/**
 * The failure path of every APFA listener: transient errors are retried with a bounded exponential
 * back-off, then the record goes to {@code <topic>.DLT} (same partition) with the exception class
 * and message in the {@code kafka_dlt-*} headers; poison records skip the retries. The listener
 * then goes on with the next record. Counted as {@code apfa_kafka_dead_letters_total}.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, MeterRegistry meters,
                                                   int maxRetries, Duration initialBackOff, Duration maxBackOff) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topic.deadLetterTopicName(record.topic()), record.partition()));
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(maxRetries);
        backOff.setInitialInterval(initialBackOff.toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(maxBackOff.toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            deadLettered(record, exception, meters);
            publisher.accept(record, exception);
        }, backOff);
        handler.addNotRetryableExceptions(PoisonEventException.class, DeserializationException.class);
        return handler;
    }

    private static void deadLettered(ConsumerRecord<?, ?> record, Exception exception, MeterRegistry meters) {
        // The value is never logged: it may hold personal data that only the DLT should keep.
        log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                rootMessage(exception));
        if (meters != null) {
            meters.counter("apfa.kafka.dead.letters", "topic", record.topic()).increment();
        }
    }

    private static String rootMessage(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
