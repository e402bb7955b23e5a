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
import org.springframework.util.backoff.ExponentialBackOff;

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

    /** @param maxRetries retries before dead-lettering; {@link Integer#MAX_VALUE} retries until it works */
    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, MeterRegistry meters,
                                                   int maxRetries, Duration initialBackOff, Duration maxBackOff) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topic.deadLetterTopicName(record.topic()), record.partition()));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            deadLettered(record, exception, meters);
            publisher.accept(record, exception);
        }, backOff(maxRetries, initialBackOff, maxBackOff));
        handler.addNotRetryableExceptions(PoisonEventException.class, DeserializationException.class);
        return handler;
    }

    /**
     * Doubling intervals from {@code initial} up to {@code max}. Without a limit it is a plain
     * {@link ExponentialBackOff}: {@link ExponentialBackOffWithMaxRetries} would add up 2^31 intervals
     * on each of its setters, seconds of CPU at every start.
     */
    static ExponentialBackOff backOff(int maxRetries, Duration initial, Duration max) {
        ExponentialBackOff backOff = maxRetries == Integer.MAX_VALUE
                ? new ExponentialBackOff() : new ExponentialBackOffWithMaxRetries(maxRetries);
        backOff.setInitialInterval(initial.toMillis());
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(max.toMillis());
        return backOff;
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
