package dev.apfa.audit.ingest;

import dev.apfa.messaging.DeadLetters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;

import java.time.Duration;

/**
 * audit-service's listeners never give up on a transient failure: the shared handler's bounded
 * retries would dead-letter every event consumed during an Elasticsearch or PostgreSQL outage,
 * and the audit trail must not lose them. So anything but a poison record is retried with back-off
 * until the store is back (the consumer is paused and keeps polling meanwhile, so the group does not
 * rebalance), and offsets stay uncommitted. Poison records still go straight to the DLT.
 */
@Configuration(proxyBeanMethods = false)
class IngestErrorHandling {

    @Bean
    CommonErrorHandler auditErrorHandler(KafkaTemplate<String, String> template, ObjectProvider<MeterRegistry> meters,
                                         @Value("${apfa.audit.retry.initial-backoff:500ms}") Duration initial,
                                         @Value("${apfa.audit.retry.max-backoff:10s}") Duration max) {
        DefaultErrorHandler handler = DeadLetters.errorHandler(template, meters.getIfAvailable(), Integer.MAX_VALUE, initial, max);
        // Re-seeking the rest of a batch after a dead letter is routine, not an ERROR worth paging someone.
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }
}
