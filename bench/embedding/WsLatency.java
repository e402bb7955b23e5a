import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publish-to-client latency of the gateway's live events (issue #9): publishes schema-valid
 * apfa.batch.progress events (for a made-up batch id, on the real batch-progress topic, which only
 * the gateway reads) at a fixed rate, and measures envelope time -> receive time at N WebSocket
 * clients of the gateway, and, side by side, at a plain Kafka consumer on the same machine.
 * Usage: java -cp <kafka-clients> WsLatency.java <gateway-url> <bootstrap> <token> <events> <per-second> <clients>
 */
public class WsLatency {

    static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String gateway = args[0], bootstrap = args[1], token = args[2];
        int events = Integer.parseInt(args[3]), rate = Integer.parseInt(args[4]), clients = Integer.parseInt(args[5]);
        String batch = UUID.randomUUID().toString();
        String topic = "batch-progress";

        List<List<Long>> wsLatencies = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            wsLatencies.add(latencies);
            sockets.add(http.newWebSocketBuilder().subprotocols("apfa.bearer", token)
                    .buildAsync(URI.create(gateway.replaceFirst("^http", "ws") + "/ws/events"), listener(batch, latencies)).join());
        }

        List<Long> kafkaLatencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        Thread direct = new Thread(() -> {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    long now = micros(Instant.now());
                    if (batch.equals(record.key())) {
                        kafkaLatencies.add(now - micros(timeOf(record.value())));
                    }
                }
            }
            consumer.close();
        });
        direct.start();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0))) {
            long interval = 1_000_000_000L / rate, next = System.nanoTime();
            for (int i = 1; i <= events; i++) {
                producer.send(new ProducerRecord<>(topic, batch, envelope(batch, i, events)));
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && (kafkaLatencies.size() < events
                || wsLatencies.stream().anyMatch(l -> l.size() < events))) {
            Thread.sleep(100);
        }
        running.set(false);
        direct.join();
        sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));

        List<Long> allWs = new ArrayList<>();
        wsLatencies.forEach(allWs::addAll);
        System.out.printf("events %d at %d/s, %d WebSocket clients%n", events, rate, clients);
        String kafka = report("plain Kafka consumer", kafkaLatencies, events);
        String ws = report("gateway WebSocket clients", allWs, events * clients);
        System.out.println(kafka);
        System.out.println(ws);
        if (!kafkaLatencies.isEmpty() && !allWs.isEmpty()) {
            System.out.printf("added by the gateway: p50 %+.1f ms, p99 %+.1f ms (goal: WebSocket p99 < 1000 ms)%n",
                    (pct(allWs, 50) - pct(kafkaLatencies, 50)) / 1000.0, (pct(allWs, 99) - pct(kafkaLatencies, 99)) / 1000.0);
        }
    }

    static WebSocket.Listener listener(String batch, List<Long> latencies) {
        return new WebSocket.Listener() {
            final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    long now = micros(Instant.now());
                    String message = partial.toString();
                    partial.setLength(0);
                    if (message.contains("\"batch_id\":\"" + batch + "\"")) {
                        latencies.add(now - micros(timeOf(message)));
                    }
                }
                socket.request(1);
                return null;
            }
        };
    }

    static String envelope(String batch, int processed, int total) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/apfa/bench\","
                + "\"type\":\"apfa.batch.progress\",\"time\":\"" + Instant.now() + "\",\"subject\":\"" + batch + "\","
                + "\"datacontenttype\":\"application/json\",\"dataschema\":\"urn:apfa:schema:batch-progress:v1\","
                + "\"data\":{\"batch_id\":\"" + batch + "\",\"processed\":" + processed + ",\"failed\":0,\"total\":" + total
                + ",\"docs_per_second\":1.0,\"eta_seconds\":" + (total - processed) + "}}";
    }

    static Instant timeOf(String json) {
        Matcher m = TIME.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no time in " + json);
        }
        return Instant.parse(m.group(1));
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static String report(String label, List<Long> values, int expected) {
        if (values.isEmpty()) {
            return label + ": nothing received";
        }
        return String.format("%s: %d/%d received, latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
                label, values.size(), expected, pct(values, 50) / 1000.0, pct(values, 90) / 1000.0, pct(values, 99) / 1000.0,
                pct(values, 100) / 1000.0);
    }
}
