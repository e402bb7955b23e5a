package dev.apfa.gateway.live;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Live events for admins: the topics read (ARCHITECTURE.md's by default; tests use private ones),
 * how many messages one client may have waiting before it is disconnected as too slow, and how
 * often an idle stream carries a heartbeat.
 */
@ConfigurationProperties("apfa.gateway.live-events")
public record LiveEventsProperties(
        @DefaultValue("task-events") String taskTopic,
        @DefaultValue("batch-progress") String progressTopic,
        @DefaultValue("256") int clientBuffer,
        @DefaultValue("15s") Duration heartbeat) {
}
