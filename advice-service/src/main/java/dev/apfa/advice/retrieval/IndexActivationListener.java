package dev.apfa.advice.retrieval;

import dev.apfa.contracts.EventTypes;
import dev.apfa.contracts.task.v1.IndexActivated;
import dev.apfa.messaging.EventReader;
import dev.apfa.messaging.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Follows index activations on task-events (a group per instance, from the latest offset: only new
 * activations matter, the current version comes with every search response).
 */
@Component
class IndexActivationListener {

    private final EventReader reader;
    private final ActiveIndexVersion active;

    IndexActivationListener(EventReader reader, ActiveIndexVersion active) {
        this.reader = reader;
        this.active = active;
    }

    @KafkaListener(topics = "${apfa.advice.topics.tasks}", groupId = "${apfa.advice.topics.instance-group}",
            properties = "auto.offset.reset=latest")
    void onTaskEvent(String value) {
        ReceivedEvent event = reader.read(value);
        if (EventTypes.INDEX_ACTIVATED.equals(event.type())) {
            active.observe(event.data(IndexActivated.class).version());
        }
    }
}
