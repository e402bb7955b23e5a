package dev.apfa.auth.support;

import dev.apfa.contracts.Topic;
import dev.apfa.testkit.Infra;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** A private copy of audit-events for one test class, and a reader of everything published to it. */
public final class AuditTap implements AutoCloseable {

    public final String topic = Infra.uniqueName("audit-events-auth-it");
    private final List<String> seen = new ArrayList<>();
    private KafkaConsumer<String, String> consumer;

    public AuditTap create() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, Topic.AUDIT_EVENTS.partitions(), (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + topic, e);
        }
        return this;
    }

    /** Every value read so far plus what arrived since the last call. */
    public synchronized List<String> values() {
        if (consumer == null) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infra.shared().kafkaBootstrap());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, topic + "-reader");
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            consumer = new KafkaConsumer<>(props);
            consumer.subscribe(List.of(topic));
        }
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
            seen.add(record.value());
        }
        return List.copyOf(seen);
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close();
        }
    }
}
