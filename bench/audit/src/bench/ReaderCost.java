package bench;

import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.EventValidator;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.messaging.EventReader;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * CPU and allocation per event of reading an audit record (libs/messaging EventReader), single thread, warm: the
 * earlier form (envelope by convertValue, payload mapped a second time), the one-pass typed read, and parse +
 * validate alone. Prints the last six of 16 rounds of 20,000 events. See bench/audit/README.md for the command.
 */
public class ReaderCost {
    static final TypeReference<EventEnvelope<JsonNode>> ENVELOPE = new TypeReference<>() {};
    public static void main(String[] a) {
        JsonMapper json = JsonMapper.builder().build();
        EventValidator validator = EventValidator.shared();
        EventReader reader = new EventReader(json, validator);
        Random random = new Random(1);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20000; i++) {
            AuditAction action = AuditAction.values()[random.nextInt(AuditAction.values().length)];
            String userId = "user-" + random.nextInt(2000);
            AuditEvent payload = AuditEvent.of(action, new AuditEvent.Actor(userId, "name-" + userId, List.of("user")),
                    new AuditEvent.Resource("session", UUID.randomUUID().toString()), Outcome.SUCCESS, "198.51.100.7", UUID.randomUUID().toString())
                    .withDetails(Map.of("attempt", random.nextInt(5)));
            values.add(json.writeValueAsString(EventEnvelope.create("auth-service", payload.eventType(), userId, payload)
                    .withTraceparent("00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01")));
        }
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 16; round++) {
            for (int variant = 0; variant < 3; variant++) {
                long cpu = threads.getCurrentThreadCpuTime(), alloc = threads.getCurrentThreadAllocatedBytes();
                for (String v : values) {
                    if (variant == 0) { // previous: envelope by convertValue, then the payload mapped a second time
                        JsonNode root = validator.parse(v);
                        validator.validateTree(root);
                        EventEnvelope<JsonNode> env = json.convertValue(root, ENVELOPE);
                        sink += json.treeToValue(env.data(), AuditEvent.class).action().length();
                    } else if (variant == 1) { // now: one pass into the typed envelope
                        sink += reader.read(v, AuditEvent.class).data().action().length();
                    } else { // parse + validate only
                        JsonNode root = validator.parse(v);
                        sink += validator.validateTree(root).size();
                    }
                }
                if (round >= 10) {
                    System.out.printf("round %d %-22s %.2f us/event, %.0f bytes/event%n", round,
                            new String[]{"previous (2 passes)", "typed (1 pass)", "parse+validate only"}[variant],
                            (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / values.size(),
                            (threads.getCurrentThreadAllocatedBytes() - alloc) / (double) values.size());
                }
            }
        }
        System.out.println(sink);
    }
}
