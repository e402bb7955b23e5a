package dev.apfa.index;

import dev.apfa.index.source.InMemoryVectorSource;
import dev.apfa.index.support.Api;
import dev.apfa.index.support.ServiceTestSupport;
import dev.apfa.index.support.TaskTopic;
import dev.apfa.index.support.TestTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IVF build whose recall@10 falls below 0.95 (one list probed out of ~280 on unclustered data)
 * is rejected: nothing is published and the failure event carries the measured figure.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "apfa.index.flat-max-vectors=1000", "apfa.index.nprobe=1"})
@Import(ServiceTestSupport.Tables.class)
class RecallRejectionIT {

    private static final TaskTopic TOPIC = newTopic();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServiceTestSupport.registerInfrastructure(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    InMemoryVectorSource tables;

    @AfterAll
    static void closeTopic() {
        TOPIC.close();
    }

    @Test
    void lowRecallBuildIsRejectedWithTheFigure() {
        tables.put(TestTables.table("embeddings", 1, 5000, 32, 11));
        Api api = new Api(port, ServiceTestSupport.token("admin"));

        JsonNode task = ServiceTestSupport.build(api, 1);
        assertThat(task.get("status").asString()).isEqualTo("FAILED");
        assertThat(task.get("failure_code").asString()).isEqualTo("recall_below_threshold");
        double recall = task.get("recall_at_10").asDouble();
        assertThat(recall).isLessThan(0.95);

        String buildId = task.get("build_id").asString();
        JsonNode event = TOPIC.await("apfa.task.index.build.failed", e -> buildId.equals(e.get("build_id").asString()));
        assertThat(event.get("recall_at_10").asDouble()).isEqualTo(recall);
        assertThat(event.get("recall_threshold").asDouble()).isEqualTo(0.95);
        assertThat(api.get("/api/admin/indexes").body().get("versions")).isEmpty();
    }

    private static TaskTopic newTopic() {
        try {
            return new TaskTopic("task-events-recall-it");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
