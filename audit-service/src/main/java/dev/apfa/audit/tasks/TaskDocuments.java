package dev.apfa.audit.tasks;

import dev.apfa.audit.elasticsearch.BulkIndexer;
import dev.apfa.messaging.ReceivedEvent;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task event as a {@code tasks} document: the task id (the event subject: batch, build or index
 * id), its kind and status, the failure text in {@code task.error} for full-text search, and the
 * whole payload under {@code task.data}.
 */
@Component
class TaskDocuments {

    private static final List<String> ERROR_FIELDS = List.of("reason", "message", "failure_code");

    private final String index;

    TaskDocuments(@Value("${apfa.audit.elasticsearch.tasks-index:tasks}") String index) {
        this.index = index;
    }

    @SuppressWarnings("unchecked")
    BulkIndexer.Document of(ReceivedEvent event) {
        JsonNode data = event.envelope().data();
        String type = event.type();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("id", event.envelope().subject());
        task.put("kind", type.startsWith("apfa.task.batch.") ? "batch" : "index");
        if (data.has("status")) {
            task.put("status", data.get("status").asString());
        } else if (type.endsWith(".failed")) {
            task.put("status", "FAILED");
        }
        StringBuilder error = new StringBuilder();
        for (String field : ERROR_FIELDS) {
            if (data.has(field)) {
                error.append(error.isEmpty() ? "" : " ").append(data.get(field).asString());
            }
        }
        if (!error.isEmpty()) {
            task.put("error", error.toString());
        }
        task.put("data", event.jsonMapper().convertValue(data, Map.class));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@timestamp", event.envelope().time().toString());
        doc.put("message", type + " " + task.get("id") + (error.isEmpty() ? "" : ": " + error));
        doc.put("event", Map.of("id", event.id(), "type", type, "provider", event.envelope().source()));
        String traceparent = event.envelope().traceparent();
        if (traceparent != null && traceparent.length() >= 35) {
            doc.put("trace", Map.of("id", traceparent.substring(3, 35)));
        }
        doc.put("task", task);
        return new BulkIndexer.Document(index, event.id(), doc);
    }
}
