package dev.apfa.audit.elasticsearch;

import dev.apfa.messaging.EventReader;
import dev.apfa.messaging.PoisonEventException;
import dev.apfa.messaging.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The shared shape of the Elasticsearch-only streams (task-events, metrics-stream): read a poll
 * batch and bulk-index it ({@code _id} = event id); at a poison record, index what came before it
 * and hand the record to the error handler (dead letter), which redelivers the rest; a document
 * Elasticsearch refuses for good is dead-lettered with the reason.
 */
@Component
public class StreamIndexing {

    private final EventReader reader;
    private final BulkIndexer indexer;
    private final RejectedRecords rejectedRecords;

    StreamIndexing(EventReader reader, BulkIndexer indexer, RejectedRecords rejectedRecords) {
        this.reader = reader;
        this.indexer = indexer;
        this.rejectedRecords = rejectedRecords;
    }

    public void index(List<ConsumerRecord<String, String>> records, Function<ReceivedEvent, BulkIndexer.Document> toDocument,
                      Consumer<ReceivedEvent> afterIndexing) {
        Map<String, ConsumerRecord<String, String>> recordById = new HashMap<>();
        List<ReceivedEvent> events = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                ReceivedEvent event = reader.read(record.value());
                if (recordById.putIfAbsent(event.id(), record) == null) {
                    events.add(event);
                }
            } catch (PoisonEventException poison) {
                write(events, recordById, toDocument, afterIndexing);
                throw new BatchListenerFailedException(poison.getMessage(), poison, record);
            }
        }
        write(events, recordById, toDocument, afterIndexing);
    }

    private void write(List<ReceivedEvent> events, Map<String, ConsumerRecord<String, String>> recordById,
                       Function<ReceivedEvent, BulkIndexer.Document> toDocument, Consumer<ReceivedEvent> afterIndexing) {
        if (events.isEmpty()) {
            return;
        }
        for (BulkIndexer.Rejection rejection : indexer.index(events.stream().map(toDocument).toList())) {
            rejectedRecords.deadLetter(recordById.get(rejection.document().id()), rejection.reason());
        }
        events.forEach(afterIndexing);
    }
}
