package dev.apfa.gateway.live;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One message pushed to an admin's WebSocket or SSE stream: the event's id, type, the topic it came
 * from, its time (the producer's envelope time, so a client can measure delay), subject, the batch
 * it concerns (when it concerns one) and its data. Heartbeats have type {@code heartbeat} and a time
 * only. The JSON is written once per event and shared by every client.
 */
public record LiveEvent(String type, String batchId, String json) {

    public static final String HEARTBEAT = "heartbeat";

    static LiveEvent of(JsonMapper mapper, String id, String type, String topic, Instant time, String subject, JsonNode data) {
        ObjectNode node = mapper.createObjectNode();
        node.put("id", id);
        node.put("type", type);
        node.put("topic", topic);
        node.put("time", time == null ? null : time.toString());
        if (subject != null) {
            node.put("subject", subject);
        }
        String batchId = data != null && data.path("batch_id").isString() ? data.path("batch_id").asString() : null;
        if (batchId != null) {
            node.put("batch_id", batchId);
        }
        node.set("data", data);
        return new LiveEvent(type, batchId, mapper.writeValueAsString(node));
    }

    static LiveEvent heartbeat() {
        return new LiveEvent(HEARTBEAT, null, "{\"type\":\"heartbeat\",\"time\":\"" + Instant.now() + "\"}");
    }

    boolean concerns(String batch) {
        return batch == null || HEARTBEAT.equals(type) || batch.equals(batchId);
    }
}
