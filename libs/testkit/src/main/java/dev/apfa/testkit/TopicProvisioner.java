package dev.apfa.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes topics match their specs, idempotently: creates missing ones, sets retention where it
 * differs, and refuses topics with fewer partitions than specified (Kafka cannot shrink a topic
 * and growing one silently would reshuffle keys, so a person has to decide).
 */
final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    // Right after creation a topic can be briefly unknown to the metadata the next call reads.
    private static final Duration METADATA_SETTLE = Duration.ofSeconds(15);

    private final Admin admin;

    TopicProvisioner(Admin admin) {
        this.admin = admin;
    }

    void provision(List<TopicSpec> specs) {
        createMissing(specs);
        List<String> problems = new ArrayList<>(partitionProblems(specs));
        if (!problems.isEmpty()) {
            throw new InfraException("Kafka topics do not match the contracts:\n  " + String.join("\n  ", problems)
                    + "\nfor local data, delete the topic (kafka-topics.sh --delete) and run again; otherwise raise"
                    + " its partitions deliberately");
        }
        alignRetention(specs);
    }

    private void createMissing(List<TopicSpec> specs) {
        Set<String> existing = get(admin.listTopics().names());
        List<NewTopic> missing = specs.stream()
                .filter(spec -> !existing.contains(spec.name()))
                // Replication factor left to the cluster default: 1 locally, more on a real cluster.
                .map(spec -> new NewTopic(spec.name(), Optional.of(spec.partitions()), Optional.empty())
                        .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, spec.retentionMs())))
                .collect(Collectors.toList());
        if (missing.isEmpty()) {
            return;
        }
        admin.createTopics(missing).values().forEach((name, future) -> {
            try {
                get(future);
                log.info("created topic {}", name);
            } catch (InfraException e) {
                if (!(e.getCause() instanceof TopicExistsException)) { // created concurrently: checked below
                    throw e;
                }
            }
        });
    }

    private List<String> partitionProblems(List<TopicSpec> specs) {
        Map<String, TopicDescription> descriptions = settled(() ->
                get(admin.describeTopics(names(specs)).allTopicNames()));
        List<String> problems = new ArrayList<>();
        for (TopicSpec spec : specs) {
            int actual = descriptions.get(spec.name()).partitions().size();
            if (actual < spec.partitions()) {
                problems.add(spec.name() + " has " + actual + " partitions, the contract needs " + spec.partitions());
            }
        }
        return problems;
    }

    private void alignRetention(List<TopicSpec> specs) {
        Map<ConfigResource, TopicSpec> resources = specs.stream().collect(Collectors.toMap(
                spec -> new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec -> spec));
        Map<ConfigResource, Config> configs = settled(() -> get(admin.describeConfigs(resources.keySet()).all()));
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        resources.forEach((resource, spec) -> {
            ConfigEntry entry = configs.get(resource).get(TopicConfig.RETENTION_MS_CONFIG);
            if (entry == null || !spec.retentionMs().equals(entry.value())) {
                log.info("setting retention.ms of {} to {}", spec.name(), spec.retentionMs());
                changes.put(resource, List.of(new AlterConfigOp(
                        new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, spec.retentionMs()), AlterConfigOp.OpType.SET)));
            }
        });
        if (!changes.isEmpty()) {
            get(admin.incrementalAlterConfigs(changes).all());
        }
    }

    private static <T> T settled(Supplier<T> call) {
        return Poll.until("metadata of the new topics", METADATA_SETTLE, () -> {
            try {
                return Optional.of(call.get());
            } catch (InfraException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return Optional.empty();
                }
                throw e;
            }
        }, () -> "");
    }

    private static List<String> names(List<TopicSpec> specs) {
        return specs.stream().map(TopicSpec::name).collect(Collectors.toList());
    }

    /** Waits for an admin call; failures become InfraException with Kafka's exception as cause. */
    static <T> T get(KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new InfraException("Kafka admin call failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new InfraException("Kafka admin call got no answer within " + CALL_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("interrupted during a Kafka admin call", e);
        }
    }
}
