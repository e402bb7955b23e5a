package dev.apfa.embedding.batch;

import dev.apfa.contracts.Topic;
import dev.apfa.embedding.EmbeddingProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends {@link EmbeddingJob}s to the internal work topic (idempotent producer, acks=all). */
@Component
public class JobQueue {

    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaTemplate<String, String> template;
    private final JsonMapper json;
    private final String topic;
    private volatile int partitions;

    JobQueue(KafkaTemplate<String, String> template, JsonMapper json, EmbeddingProperties properties) {
        this.template = template;
        this.json = json;
        this.topic = properties.jobsTopic();
    }

    CompletableFuture<SendResult<String, String>> send(EmbeddingJob job) {
        String value = json.writeValueAsString(job);
        if (job.kind() == EmbeddingJob.Kind.ITEM) {
            // Round-robin over partitions (not the key hash): workers get equal shares of a batch,
            // so none sits idle while another still has a backlog at the end.
            return template.send(topic, job.seq() % partitions(), job.key(), value);
        }
        return template.send(topic, job.key(), value);
    }

    /** Partitions of the work topic (items go round-robin over them). */
    int partitions() {
        int known = partitions;
        if (known == 0) {
            known = Math.max(1, template.partitionsFor(topic).size());
            partitions = known;
        }
        return known;
    }

    /** Sends and waits for the broker's acknowledgement. */
    void sendAndWait(EmbeddingJob job) {
        await(send(job));
    }

    static void await(CompletableFuture<?> future) {
        try {
            future.get(SEND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a job", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("job not acknowledged by Kafka", e);
        }
    }

    /** The work topic and its dead-letter topic, created at start-up when missing (KafkaAdmin). */
    @Configuration(proxyBeanMethods = false)
    static class Topics {

        @Bean
        NewTopic embeddingJobsTopic(EmbeddingProperties properties) {
            return new NewTopic(properties.jobsTopic(), properties.jobsPartitions(), (short) 1);
        }

        @Bean
        NewTopic embeddingJobsDeadLetterTopic(EmbeddingProperties properties) {
            return new NewTopic(Topic.deadLetterTopicName(properties.jobsTopic()), properties.jobsPartitions(), (short) 1);
        }

        /**
         * Listener threads (SpEL target of {@code EmbeddingJobListener}'s concurrency): one more than the
         * batch workers, so that while one item's results are written and its offset committed, the
         * workers already embed the documents of the others.
         */
        @Bean
        Integer embeddingConsumers(EmbeddingProperties properties) {
            return properties.effectiveWorkers() + 1;
        }
    }
}
