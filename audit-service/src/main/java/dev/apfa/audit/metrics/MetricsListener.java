package dev.apfa.audit.metrics;

import dev.apfa.audit.anomaly.MetricAnomalyDetector;
import dev.apfa.audit.elasticsearch.StreamIndexing;
import dev.apfa.contracts.metrics.v1.RequestMetric;
import dev.apfa.messaging.ReceivedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;

/** Indexes {@code metrics-stream} into daily {@code metrics-*} indices, then feeds request metrics to anomaly detection. */
@Component
class MetricsListener {

    private final StreamIndexing indexing;
    private final MetricDocuments documents;
    private final MetricAnomalyDetector anomalies;

    MetricsListener(StreamIndexing indexing, MetricDocuments documents, MetricAnomalyDetector anomalies) {
        this.indexing = indexing;
        this.documents = documents;
        this.anomalies = anomalies;
    }

    @KafkaListener(id = "metrics-stream", topics = "${apfa.audit.metrics-topic:metrics-stream}", batch = "true")
    void onMetrics(List<ConsumerRecord<String, String>> records) {
        indexing.index(records, documents::of, this::detect);
    }

    private void detect(ReceivedEvent event) {
        if (MetricDocuments.REQUEST.equals(event.type())) {
            anomalies.observe(event.id(), event.envelope().time(), event.data(RequestMetric.class));
        }
    }
}
