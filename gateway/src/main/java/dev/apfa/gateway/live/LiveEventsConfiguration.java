package dev.apfa.gateway.live;

import dev.apfa.messaging.EventReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.UUID;

/**
 * Wires the live events: one Kafka consumer per gateway instance in a group of its own
 * ({@code gateway-live-<uuid>}), so every instance sees every event, starting from the latest
 * offset (a live view, not a replay: clients load current state from the REST APIs). It never
 * commits (AckMode MANUAL without acks), so the broker forgets the group once the instance is gone.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LiveEventsProperties.class)
public class LiveEventsConfiguration {

    @Bean(destroyMethod = "complete")
    LiveEventFeed liveEventFeed(EventReader reader, JsonMapper mapper, LiveEventsProperties properties, MeterRegistry meters) {
        return new LiveEventFeed(reader, mapper, properties, meters);
    }

    @Bean
    KafkaMessageListenerContainer<String, String> liveEventsContainer(KafkaProperties kafka, LiveEventsProperties properties,
                                                                      LiveEventFeed feed) {
        Map<String, Object> config = kafka.buildConsumerProperties();
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        ContainerProperties container = new ContainerProperties(properties.taskTopic(), properties.progressTopic());
        container.setGroupId("gateway-live-" + UUID.randomUUID());
        container.setClientId("gateway-live");
        container.setAckMode(ContainerProperties.AckMode.MANUAL);
        container.setMessageListener((MessageListener<String, String>) record -> feed.accept(record.topic(), record.value()));
        return new KafkaMessageListenerContainer<>(new DefaultKafkaConsumerFactory<>(config), container);
    }

    @Bean
    EventsWebSocketHandler eventsWebSocketHandler(LiveEventFeed feed) {
        return new EventsWebSocketHandler(feed);
    }

    @Bean
    SimpleUrlHandlerMapping liveEventsWebSocketMapping(EventsWebSocketHandler handler) {
        return new SimpleUrlHandlerMapping(Map.of(WebSocketBearerTokenConverter.WEBSOCKET_PATH, handler), Ordered.HIGHEST_PRECEDENCE);
    }
}
