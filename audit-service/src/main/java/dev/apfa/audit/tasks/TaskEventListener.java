package dev.apfa.audit.tasks;

import dev.apfa.audit.elasticsearch.StreamIndexing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Indexes {@code task-events} into Elasticsearch {@code tasks}, one document per event. */
@Component
class TaskEventListener {

    private final StreamIndexing indexing;
    private final TaskDocuments documents;

    TaskEventListener(StreamIndexing indexing, TaskDocuments documents) {
        this.indexing = indexing;
        this.documents = documents;
    }

    @KafkaListener(id = "task-events", topics = "${apfa.audit.tasks-topic:task-events}", batch = "true")
    void onTaskEvents(List<ConsumerRecord<String, String>> records) {
        indexing.index(records, documents::of, event -> { });
    }
}
