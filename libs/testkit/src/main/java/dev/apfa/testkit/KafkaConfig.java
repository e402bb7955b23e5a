package dev.apfa.testkit;

import java.nio.file.Path;

/** The configuration files of the local single-node Kafka broker (KRaft, broker and controller in one). */
final class KafkaConfig {

    static final String HOST = "127.0.0.1";
    static final int BROKER_PORT = 9092;
    static final int CONTROLLER_PORT = 9093;

    private KafkaConfig() {
    }

    /**
     * server.properties for one node that is broker and controller. Replication factors and ISR
     * minimums are 1 because there is one node; topics are never auto-created, so a producer with a
     * misspelt topic fails instead of creating a one-partition topic nobody provisioned.
     */
    static String serverProperties(Path logDirs) {
        String controller = HOST + ":" + CONTROLLER_PORT;
        String broker = HOST + ":" + BROKER_PORT;
        return String.join("\n",
                "# Written by dev.apfa.testkit on every start; edits are overwritten.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "inter.broker.listener.name=PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDirs.toAbsolutePath(),
                "num.partitions=1",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                // 50 partitions by default: too much start-up work for a laptop broker.
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "auto.create.topics.enable=false",
                // Tests start consumers one after another; waiting 3 s for more members only slows them.
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /** log4j2 for the broker: everything to stdout, which the kit appends to logs/kafka.log. */
    static String log4j2Properties() {
        return String.join("\n",
                "status = warn",
                "appender.stdout.type = Console",
                "appender.stdout.name = STDOUT",
                "appender.stdout.layout.type = PatternLayout",
                "appender.stdout.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                // Per-request and state-change logging floods the log at INFO.
                "logger.request.name = kafka.request.logger",
                "logger.request.level = WARN",
                "logger.statechange.name = state.change.logger",
                "logger.statechange.level = WARN",
                "");
    }
}
