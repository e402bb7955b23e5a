package dev.apfa.messaging;

import dev.apfa.contracts.EventValidator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

/**
 * Wires the shared event support into every service that has this library: Spring Boot's Kafka
 * auto-configuration picks up the {@link CommonErrorHandler} bean for all listener containers.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
public class MessagingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TraceContextAccessor traceContextAccessor(ObjectProvider<Tracer> tracer) {
        return new TraceContextAccessor(tracer.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    EventPublisher eventPublisher(KafkaTemplate<String, String> template, JsonMapper jsonMapper,
                                  TraceContextAccessor traces) {
        return new EventPublisher(template, jsonMapper, traces);
    }

    @Bean
    @ConditionalOnMissingBean
    AuditPublisher auditPublisher(EventPublisher publisher,
                                  @Value("${apfa.messaging.audit-topic:audit-events}") String topic) {
        return new AuditPublisher(publisher, topic);
    }

    @Bean
    @ConditionalOnMissingBean
    EventValidator eventValidator() {
        return new EventValidator();
    }

    @Bean
    @ConditionalOnMissingBean
    EventReader eventReader(JsonMapper jsonMapper, EventValidator validator) {
        return new EventReader(jsonMapper, validator);
    }

    @Bean
    @ConditionalOnMissingBean
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<String, String> template,
                                                 ObjectProvider<MeterRegistry> meters,
                                                 @Value("${apfa.kafka.retry.max-attempts:3}") int maxRetries,
                                                 @Value("${apfa.kafka.retry.initial-backoff:200ms}") Duration initial,
                                                 @Value("${apfa.kafka.retry.max-backoff:2s}") Duration max) {
        return DeadLetters.errorHandler(template, meters.getIfAvailable(), maxRetries, initial, max);
    }
}
