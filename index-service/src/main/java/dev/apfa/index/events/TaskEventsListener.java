package dev.apfa.index.events;

import dev.apfa.contracts.task.v1.BatchCompleted;
import dev.apfa.contracts.task.v1.IndexActivated;
import dev.apfa.index.IndexProperties;
import dev.apfa.index.build.BuildService;
import dev.apfa.index.serving.ActivationService;
import dev.apfa.messaging.EventReader;
import dev.apfa.messaging.ReceivedEvent;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Thin listeners on task-events. Builds: one group for the whole service, so one instance builds
 * per completed batch. Activations: a group per instance, so every instance swaps.
 */
@Component
public class TaskEventsListener {

    private final EventReader reader;
    private final BuildService builds;
    private final ActivationService activations;
    private final IndexProperties properties;
    /** Redelivered batch events must not start a second build; the broker redelivers recent ones. */
    private final Set<String> seen = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > 10_000;
        }
    });

    public TaskEventsListener(EventReader reader, BuildService builds, ActivationService activations,
                              IndexProperties properties) {
        this.reader = reader;
        this.builds = builds;
        this.activations = activations;
        this.properties = properties;
    }

    @KafkaListener(topics = "${apfa.index.task-topic}", groupId = "${spring.application.name}-builds")
    void onBatchEvent(String value) {
        ReceivedEvent event = reader.read(value);
        if (!"apfa.task.batch.completed".equals(event.type())) {
            return;
        }
        BatchCompleted completed = event.data(BatchCompleted.class);
        if (properties.sourceTable().equals(completed.embeddingsTable()) && markSeen(event.id())) {
            builds.submit(completed.embeddingsVersion(), completed.batchId(), null);
        }
    }

    @KafkaListener(topics = "${apfa.index.task-topic}", groupId = "${apfa.index.instance-group}",
            properties = "auto.offset.reset=latest")
    void onActivation(String value) {
        ReceivedEvent event = reader.read(value);
        if ("apfa.task.index.activated".equals(event.type())) {
            activations.follow(event.data(IndexActivated.class));
        }
    }

    private synchronized boolean markSeen(String eventId) {
        return seen.add(eventId);
    }
}
