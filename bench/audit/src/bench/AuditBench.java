package bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import dev.apfa.audit.AuditApplication;
import dev.apfa.audit.chain.AuditEntry;
import dev.apfa.audit.chain.AuditLog;
import dev.apfa.audit.elasticsearch.BulkIndexer;
import dev.apfa.audit.ingest.AuditDocuments;
import dev.apfa.contracts.EventEnvelope;
import dev.apfa.contracts.Topic;
import dev.apfa.contracts.audit.v1.AuditAction;
import dev.apfa.contracts.audit.v1.AuditEvent;
import dev.apfa.contracts.audit.v1.Outcome;
import dev.apfa.testkit.Infra;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The audit pipeline benchmark (issue #6, acceptance 3). Prints, from one run on this machine:
 * raw Elasticsearch bulk rate for the audit documents, end-to-end rate (produce → PostgreSQL and
 * Elasticsearch), their ratio, end-to-end lag p50/p99 at a steady rate, and audit search latency
 * p50/p95 over a large index. Figures, never assertions: it always exits 0 unless it breaks.
 * Everything it creates has a unique name and is removed at the end.
 */
public final class AuditBench {

    private static final List<String> ACTIONS = Arrays.stream(AuditAction.values()).map(AuditAction::action).toList();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        Map<String, Integer> opts = options(args);
        int events = opts.getOrDefault("events", 100_000);
        int lagRate = opts.getOrDefault("lag-rate", 1_000);
        int lagSeconds = opts.getOrDefault("lag-seconds", 20);
        int searchDocs = opts.getOrDefault("search-docs", 1_000_000);
        int searches = opts.getOrDefault("searches", 300);

        Infra infra = Infra.shared();
        String run = Infra.uniqueName("bench");
        RestClient rest = RestClient.builder(HttpHost.create(infra.elasticsearchUrl())).build();
        ElasticsearchClient es = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        putTemplate(es);
        List<String> indices = new ArrayList<>();
        System.out.printf("audit bench %s: events=%d lag-rate=%d/s lag-seconds=%d search-docs=%d searches=%d%n",
                run, events, lagRate, lagSeconds, searchDocs, searches);

        // 1. Raw Elasticsearch bulk rate: the documents the sink writes for the very events the end-to-end run
        //    produces, one client thread, into an index made by the same template. The bulk size is the best of
        //    a sweep (after a warm-up for JIT, connections and index creation), so the baseline is ES at its best.
        BulkIndexer bulk = new BulkIndexer(es, 5, java.time.Duration.ofMillis(100));
        // 20,000 documents: with less, the JIT still speeds up the client during the sweep and favours its later sizes.
        // Then more, in chunks of 20,000, until the JIT is quiet during the bulks (as for the end-to-end warm-up).
        int warmupMax = opts.getOrDefault("warmup-max", 200_000);
        double jitQuiet = opts.getOrDefault("jit-quiet", 3);
        for (int warmed = 0, chunk = 1; warmed < warmupMax; warmed += 20_000, chunk++) {
            rawBulk(es, bulk, run + "-warm" + chunk, serialized(events(20_000, "warm")), 500, indices, false);
            System.out.printf("raw bulk warm-up: 20000 docs, jit %.1f us per document during the bulks (not timed)%n", lastRawJitPerDoc);
            if (lastRawJitPerDoc < jitQuiet) {
                break;
            }
        }
        int rounds = opts.getOrDefault("e2e-rounds", 1);
        // As the raw bulk's warm-up: a running audit-service has compiled its code; without this the window mostly
        // measures the JIT compiling the freshly started service (a third of this JVM's CPU per event or more).
        int e2eWarmup = opts.getOrDefault("e2e-warmup", 20_000);
        int bulkSize = opts.getOrDefault("bulk-size", 0);
        if (bulkSize == 0) {
            double best = 0;
            for (int size : new int[]{250, 500, 1000, 2000, 5000}) {
                double rate = rawBulk(es, bulk, run + "-sweep" + size, serialized(events(events, "sweep")), size, indices, true);
                if (rate > best) {
                    best = rate;
                    bulkSize = size;
                }
            }
            System.out.printf("raw bulk size for the comparison: %d documents (the fastest of the sweep)%n", bulkSize);
        }
        long start;

        // 2. End to end through a real audit-service (in this JVM) on its own topic, group, indices and chains.
        //    3. Lag at a steady rate, after the last round.
        //    Each round measures (raw, end to end) on newly generated events, the same events for both, so its
        //    ratio compares figures measured next to each other on the same documents.
        List<String> e2ePrefixes = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // Kept as the records' keys and values only, and handed over: the end-to-end run drops them once produced,
            // so the service's window does not share this JVM's heap with ~100 MB of the bench's own events.
            List<Serialized> roundEvents = serialized(events(events, "user"));
            double rawRate = rawBulk(es, bulk, run + "-raw" + round, roundEvents, bulkSize, indices, true);
            e2ePrefixes.add(endToEnd(infra, es, run + "-r" + round, roundEvents, e2eWarmup, warmupMax, jitQuiet, rawRate, round == rounds ? lagRate : 0, lagSeconds));
        }

        // 4. Audit search latency over a large index, with the queries search-service builds.
        String searchPrefix = "audit-logs-" + run + "-search";
        AuditDocuments searchDocuments = new AuditDocuments(searchPrefix);
        Instant now = Instant.now();
        start = System.nanoTime();
        Random random = new Random(42);
        for (int done = 0; done < searchDocs; done += 1000) {
            List<BulkIndexer.Document> batch = new ArrayList<>();
            for (int i = done; i < Math.min(searchDocs, done + 1000); i++) {
                Instant at = now.minus(random.nextInt(80 * 24 * 3600), ChronoUnit.SECONDS);
                AuditEntry entry = entry(random, at, "user-" + random.nextInt(20_000));
                batch.add(searchDocuments.of(entry, new AuditLog.Position(entry.eventId().toString(), 0, i + 1, "0".repeat(64), null)));
                indices.add(batch.get(batch.size() - 1).index());
            }
            bulk.index(batch);
        }
        es.indices().refresh(r -> r.index(searchPrefix + "-*"));
        System.out.printf("indexed %d audit documents for search in %.1f s%n", searchDocs, seconds(start));
        double[] took = new double[searches];
        for (int i = -20; i < searches; i++) {
            Query query = query(Math.abs(i), random);
            boolean aggregate = Math.abs(i) % 3 != 2;
            long t = System.nanoTime();
            es.search(s -> {
                s.index(searchPrefix + "-*").size(50).trackTotalHits(h -> h.enabled(true)).query(query)
                        .sort(o -> o.field(f -> f.field("@timestamp").order(SortOrder.Desc)))
                        .sort(o -> o.field(f -> f.field("event.id").order(SortOrder.Asc)));
                if (aggregate) {
                    s.aggregations("by_action", a -> a.terms(tm -> tm.field("event.action").size(50)))
                            .aggregations("by_outcome", a -> a.terms(tm -> tm.field("apfa.outcome").size(10)))
                            .aggregations("over_time", a -> a.dateHistogram(h -> h.field("@timestamp").calendarInterval(CalendarInterval.Day)));
                }
                return s;
            }, Map.class);
            if (i >= 0) {
                took[i] = (System.nanoTime() - t) / 1e6;
            }
        }
        // Per query kind as well: where the p95 comes from.
        String[] kinds = {"own events (user + 30 days, aggregations)", "text + outcome + 30 days (aggregations)",
                "action filter (no aggregations)"};
        for (int kind = 0; kind < 3; kind++) {
            final int k = kind;
            double[] mine = java.util.stream.IntStream.range(0, searches).filter(q -> q % 3 == k).mapToDouble(q -> took[q]).sorted().toArray();
            System.out.printf("  search kind %-42s %3d queries: p50 %.1f ms, p95 %.1f ms%n", kinds[kind], mine.length,
                    percentile(mine, 50), percentile(mine, 95));
        }
        Arrays.sort(took);
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("audit search over %d documents (%d queries: own events, text + filters, admin aggregations): p50 %.1f ms, p95 %.1f ms (goal p95 < 50 ms; load %.1f)%n",
                searchDocs, searches, percentile(took, 50), percentile(took, 95), load);

        for (String index : indices.stream().distinct().toList()) {
            es.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        }
        var month = java.time.format.DateTimeFormatter.ofPattern("yyyy.MM").withZone(java.time.ZoneOffset.UTC);
        for (String prefix : e2ePrefixes) {
            for (Instant at : List.of(Instant.now(), Instant.now().minus(35, ChronoUnit.DAYS))) {
                es.indices().delete(d -> d.index(prefix + "-" + month.format(at)).ignoreUnavailable(true));
            }
        }
        rest.close();
        System.exit(0);
    }

    /**
     * The raw Elasticsearch bulk rate for the documents of {@code events}, {@code bulkSize} per bulk, one
     * thread. The documents are built before the clock starts (as the sink builds them: read and validated
     * like a record, hash-chained) and the index exists, so only the bulk requests are timed.
     */
    private static double rawBulk(ElasticsearchClient es, BulkIndexer bulk, String run, List<Serialized> events,
                                  int bulkSize, List<String> indices, boolean print) throws Exception {
        AuditDocuments documents = new AuditDocuments("audit-logs-" + run);
        List<BulkIndexer.Document> docs = new ArrayList<>();
        String hash = dev.apfa.audit.chain.ChainHasher.GENESIS;
        for (Serialized event : events) {
            AuditEntry entry = entryOf(event.value());
            hash = dev.apfa.audit.chain.ChainHasher.hash(hash, entry);
            docs.add(documents.of(entry, new AuditLog.Position(entry.eventId().toString(), 0, docs.size() + 1, hash, entry.traceId())));
        }
        String index = docs.get(0).index();
        indices.add(index);
        es.indices().create(c -> c.index(index));
        settle(es);
        Cpu cpu = Cpu.now(es);
        Map<String, Long> jvmThreads = jvmThreadsCpuMillis();
        long start = System.nanoTime();
        for (int done = 0; done < docs.size(); done += bulkSize) {
            bulk.index(docs.subList(done, Math.min(docs.size(), done + bulkSize)));
        }
        double seconds = seconds(start);
        double rawRate = docs.size() / seconds;
        Map<String, Long> jvmThreadsAfter = jvmThreadsCpuMillis();
        lastRawJitPerDoc = (jvmThreadsAfter.getOrDefault("jit", 0L) - jvmThreads.getOrDefault("jit", 0L)) * 1e3 / docs.size();
        if (print) {
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("raw elasticsearch bulk (%d per bulk): %d docs in %.1f s = %.0f docs/s (load %.1f); %s (of this jvm: jit %.0f us, gc %.0f us)%n",
                    bulkSize, docs.size(), seconds, rawRate, load, cpu.perEvent(cpu, es, docs.size()), lastRawJitPerDoc,
                    (jvmThreadsAfter.getOrDefault("gc", 0L) - jvmThreads.getOrDefault("gc", 0L)) * 1e3 / docs.size());
        }
        return rawRate;
    }

    /**
     * Before each timed window: waits (at most a minute) until Elasticsearch has no merge running and used under a
     * tenth of a core over the last half second, so that neither window is charged with the merges of what was
     * indexed before it (the end-to-end window follows a warm-up of up to 200,000 documents, the raw one at most
     * 30,000).
     */
    private static void settle(ElasticsearchClient es) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        long before = Cpu.now(es).esMillis();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            long now = Cpu.now(es).esMillis();
            long merging = es.nodes().stats(st -> st.metric("indices").indexMetric("merge")).nodes().values().stream()
                    .mapToLong(n -> n.indices().merges().current()).sum();
            if (merging == 0 && now - before < 50) {
                return;
            }
            before = now;
        }
    }

    /** The JIT threads' CPU per document during the last raw bulk's timed requests, µs. */
    private static double lastRawJitPerDoc;

    private static final dev.apfa.messaging.EventReader READER =
            new dev.apfa.messaging.EventReader(JSON, dev.apfa.contracts.EventValidator.shared());

    /** The entry audit-service makes of this event. */
    private static AuditEntry entryOf(String value) {
        return dev.apfa.audit.ingest.AuditEntries.from(READER.read(value, AuditEvent.class));
    }

    /** A record's key and value as the producing service sends them. */
    private record Serialized(String key, String value) {
    }

    /** The events as records' keys and values (a list the end-to-end run may clear). */
    private static List<Serialized> serialized(List<EventEnvelope<AuditEvent>> events) {
        List<Serialized> serialized = new ArrayList<>(events.size());
        events.forEach(e -> serialized.add(new Serialized(e.subject(), JSON.writeValueAsString(e))));
        return serialized;
    }

    /** {@code n} varied audit events (every action, outcome and a detail), actors {@code <prefix>-0..1999}. */
    private static List<EventEnvelope<AuditEvent>> events(int n, String userPrefix) {
        Random random = new Random();
        List<EventEnvelope<AuditEvent>> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String userId = userPrefix + "-" + (i % 2000);
            events.add(event(random, userId));
        }
        return events;
    }

    private static EventEnvelope<AuditEvent> event(Random random, String userId) {
        AuditAction action = AuditAction.values()[random.nextInt(AuditAction.values().length)];
        Outcome outcome = List.of(Outcome.SUCCESS, Outcome.SUCCESS, Outcome.SUCCESS, Outcome.FAILURE, Outcome.DENIED)
                .get(random.nextInt(5));
        AuditEvent payload = AuditEvent.of(action, new AuditEvent.Actor(userId, "name-" + userId, List.of("user")),
                        new AuditEvent.Resource("session", UUID.randomUUID().toString()), outcome,
                        "198.51.100." + random.nextInt(250), UUID.randomUUID().toString())
                .withDetails(Map.of("attempt", random.nextInt(5)));
        return EventEnvelope.create("auth-service", payload.eventType(), userId, payload)
                .withTraceparent("00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01");
    }

    /**
     * The same events dated 35 days earlier, so they land in the previous month's index: the end-to-end warm-up
     * fills that one, and the measured window writes into an empty index, as the raw bulk's window does. Indexing
     * into an index that already holds the warm-up's 60,000–200,000 documents costs Elasticsearch more per
     * document (more segments to look each {@code _id} up in, larger merges) than into an empty one.
     */
    private static List<EventEnvelope<AuditEvent>> monthEarlier(List<EventEnvelope<AuditEvent>> events) {
        return events.stream().map(e -> new EventEnvelope<>(e.specversion(), e.id(), e.source(), e.type(),
                e.time().minus(35, ChronoUnit.DAYS), e.subject(), e.datacontenttype(), e.dataschema(), e.traceparent(),
                e.data())).toList();
    }

    /** One end-to-end run; returns the index prefix it wrote (removed at the end). */
    private static String endToEnd(Infra infra, ElasticsearchClient es, String run, List<Serialized> roundEvents,
                                   int warmup, int warmupMax, double jitQuiet, double rawRate, int lagRate, int lagSeconds) throws Exception {
        int events = roundEvents.size();
        long start;
        String topic = run + "-audit-events";
        createTopic(infra, topic);
        int chainOffset = 2_000_000_000 - new Random().nextInt(100_000_000);
        String prefix = "audit-logs-" + run + "-e2e";
        Map<String, Object> props = new HashMap<>(infra.springProperties());
        props.put("apfa.audit.topic", topic);
        props.put("apfa.audit.tasks-topic", topic + "-tasks");
        props.put("apfa.audit.metrics-topic", topic + "-metrics");
        props.put("spring.kafka.consumer.group-id", topic);
        props.put("apfa.audit.elasticsearch.index-prefix", prefix);
        props.put("apfa.audit.chain-offset", chainOffset);
        props.put("server.port", 0);
        // Its PostgreSQL backends are found by this name, so their own CPU is measured apart from the server's.
        props.put("spring.datasource.hikari.data-source-properties.ApplicationName", topic);
        props.put("logging.level.root", "WARN");
        props.put("apfa.audit.anomaly.failed-logins.threshold", 1_000_000);
        props.put("management.otlp.metrics.export.enabled", false);
        // As command-line arguments: they must win over application.yml (default properties would not).
        String[] arguments = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(AuditApplication.class).run(arguments);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        try (KafkaProducer<String, String> producer = producer(infra)) {
            List<ProducerRecord<String, String>> records = new ArrayList<>();
            for (Serialized event : roundEvents) {
                records.add(new ProducerRecord<>(topic, event.key(), event.value()));
            }
            // A running audit-service has its partitions and its month's index: wait for both before the clock.
            var container = app.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class)
                    .getListenerContainer("audit-events");
            while (container.getAssignedPartitions() == null || container.getAssignedPartitions().size() < Topic.AUDIT_EVENTS.partitions()) {
                Thread.sleep(20);
            }
            String index = app.getBean(AuditDocuments.class).indexOf(entryOf(roundEvents.get(0).value()));
            roundEvents.clear(); // handed over (see main): the records hold the same strings until they are sent
            es.indices().create(c -> c.index(index));
            // ... and has run for a while: the same number of other events through both sinks before the clock.
            //    In chunks of `warmup` events until the JIT is quiet: a chunk costs < --jit-quiet µs of JIT threads' CPU
            //    per event (at most --warmup-max events in all).
            int warmed = 0;
            while (warmup > 0 && warmed < warmupMax) {
                long warmStart = System.nanoTime();
                long jit = jvmThreadsCpuMillis().getOrDefault("jit", 0L);
                for (EventEnvelope<AuditEvent> event : monthEarlier(events(warmup, "warm-e2e"))) {
                    producer.send(new ProducerRecord<>(topic, event.subject(), JSON.writeValueAsString(event)));
                }
                producer.flush();
                warmed += warmup;
                awaitBoth(es, jdbc, prefix, chainOffset, warmed);
                double jitPerEvent = (jvmThreadsCpuMillis().getOrDefault("jit", 0L) - jit) * 1e3 / warmup;
                System.out.printf("end-to-end warm-up: %d events through both sinks in %.1f s, jit %.1f us per event (not timed)%n",
                        warmup, seconds(warmStart), jitPerEvent);
                if (jitPerEvent < jitQuiet) {
                    break;
                }
            }
            final int warmedUp = warmed;
            // -Dbench.jfr=<file>: a JFR profile of the end-to-end window (where this JVM's CPU goes).
            jdk.jfr.Recording jfr = null;
            if (System.getProperty("bench.jfr") != null) {
                jfr = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                jfr.start();
            }
            settle(es);
            Cpu cpu = Cpu.now(es);
            long backends = backendsCpuMillis(jdbc, topic);
            long benchThreads = benchThreadsCpuNanos();
            Map<String, Long> serviceThreads = serviceThreadsCpuNanos();
            Map<String, Long> jvmThreads = jvmThreadsCpuMillis();
            start = System.nanoTime();
            records.forEach(producer::send);
            producer.flush();
            double produced = seconds(start);
            records.clear(); // the bench's own events (~100 MB at 100,000) stay out of the service's heap during the window
            awaitBoth(es, jdbc, prefix, chainOffset, warmedUp + events);
            double e2e = events / seconds(start);
            double benchShare = (benchThreadsCpuNanos() - benchThreads) / 1e3 / events;
            double backendShare = (backendsCpuMillis(jdbc, topic) - backends) * 1e3 / events;
            StringBuilder perThread = new StringBuilder();
            serviceThreadsCpuNanos().forEach((kind, nanos) -> perThread.append(String.format(" %s %.0f us,", kind,
                    (nanos - serviceThreads.getOrDefault(kind, 0L)) / 1e3 / events)));
            jvmThreadsCpuMillis().forEach((kind, millis) -> perThread.append(String.format(" %s %.0f us,", kind,
                    (millis - jvmThreads.getOrDefault(kind, 0L)) * 1e3 / events)));
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            System.out.printf("end-to-end pipeline: %d events produced in %.1f s, in both sinks after %.1f s = %.0f events/s (load %.1f); %s (of this jvm: bench producer and polling threads %.0f us)%n",
                    events, produced, seconds(start), e2e, load, cpu.perEvent(cpu, es, events), benchShare);
            System.out.printf("  this jvm's threads, cpu per event: audit-service%s the rest is other threads%n", perThread);
            System.out.printf("  postgresql: this audit-service's own backends %.0f us per event (the server's figure above also has the"
                    + " WAL writer, checkpointer, autovacuum and other services' queries)%n", backendShare);
            System.out.printf("ratio end-to-end / raw bulk: %.2f (goal >= 0.8)%n", e2e / rawRate);
            if (jfr != null) {
                jfr.stop();
                jfr.dump(java.nio.file.Path.of(System.getProperty("bench.jfr").replace(".jfr", "-" + run + ".jfr")));
            }
            var meters = app.getBean(io.micrometer.core.instrument.MeterRegistry.class);
            for (var timer : meters.find("apfa.audit.sink.stage").timers()) {
                System.out.printf("  sink stage %-13s %5d batches, total %.1f s, mean %.1f ms/batch%n", timer.getId().getTag("stage"),
                        timer.count(), timer.totalTime(TimeUnit.SECONDS), timer.mean(TimeUnit.MILLISECONDS));
            }

            if (lagRate <= 0) {
                return prefix;
            }
            // 3. Lag at a steady rate below capacity.
            int lagEvents = lagRate * lagSeconds;
            long intervalNanos = 1_000_000_000L / lagRate;
            start = System.nanoTime();
            for (int i = 0; i < lagEvents; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // Park, not spin: a spinning producer would take one of the machine's cores from the pipeline.
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                producer.send(record(topic, "lag-" + (i % 500)));
            }
            producer.flush();
            awaitBoth(es, jdbc, prefix, chainOffset, warmedUp + events + lagEvents);
            double[] lags = lags(es, prefix);
            System.out.printf("end-to-end lag at %d events/s (%d events): p50 %.0f ms, p99 %.0f ms, max %.0f ms (goal p99 < 2000 ms)%n",
                    lagRate, lags.length, percentile(lags, 50), percentile(lags, 99), lags.length == 0 ? 0 : lags[lags.length - 1]);
        } finally {
            jdbc.sql("DELETE FROM audit_logs WHERE chain >= ? AND chain < ?").params(chainOffset, chainOffset + 3).update();
            app.close();
        }
        return prefix;
    }


    private static Query query(int i, Random random) {
        String user = "user-" + random.nextInt(20_000);
        Instant to = Instant.now();
        Instant from = to.minus(30, ChronoUnit.DAYS);
        Query range = Query.of(q -> q.range(r -> r.date(d -> d.field("@timestamp").gte(from.toString()).lt(to.toString()))));
        return switch (i % 3) {
            case 0 -> Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("user.id").value(user))).filter(range)));
            case 1 -> Query.of(q -> q.bool(b -> b.must(m -> m.simpleQueryString(sq -> sq.query("login* | advice*")
                            .fields("message", "event.action", "user.name", "resource.id").lenient(true)))
                    .filter(f -> f.term(t -> t.field("apfa.outcome").value("failure"))).filter(range)));
            default -> Query.of(q -> q.bool(b -> b.filter(f -> f.term(t -> t.field("event.action").value(ACTIONS.get(random.nextInt(ACTIONS.size())))))));
        };
    }

    private static AuditEntry entry(Random random, Instant at, String userId) {
        String action = ACTIONS.get(random.nextInt(ACTIONS.size()));
        String outcome = List.of("success", "success", "success", "failure", "denied").get(random.nextInt(5));
        return new AuditEntry(new UUID(random.nextLong(), random.nextLong()), "apfa.audit." + action, at.truncatedTo(ChronoUnit.MICROS),
                "/apfa/auth-service", userId, "name-" + userId, "user", action, "session", UUID.randomUUID().toString(), outcome,
                "198.51.100." + random.nextInt(250), UUID.randomUUID().toString(), null, null,
                "4bf92f3577b34da6a3ce929d0e0e4736", Map.of("attempt", random.nextInt(5)));
    }

    private static ProducerRecord<String, String> record(String topic, String userId) {
        AuditEvent payload = AuditEvent.of(AuditAction.LOGIN_SUCCEEDED, new AuditEvent.Actor(userId, "name-" + userId, List.of("user")),
                new AuditEvent.Resource("session", UUID.randomUUID().toString()), Outcome.SUCCESS, "192.0.2.10", UUID.randomUUID().toString());
        EventEnvelope<AuditEvent> event = EventEnvelope.create("auth-service", payload.eventType(), userId, payload);
        return new ProducerRecord<>(topic, userId, JSON.writeValueAsString(event));
    }

    /**
     * CPU (ms) of the PostgreSQL backends serving the connections named {@code applicationName}, from /proc (the
     * pool keeps its connections, so the same backends are read before and after a window).
     */
    private static long backendsCpuMillis(JdbcClient jdbc, String applicationName) {
        java.util.Set<String> pids = new java.util.HashSet<>(jdbc.sql("SELECT pid::text FROM pg_stat_activity WHERE application_name = ?")
                .param(applicationName).query(String.class).list());
        return Cpu.procMillis(p -> pids.contains(p.getFileName().toString()));
    }

    private static void awaitBoth(ElasticsearchClient es, JdbcClient jdbc, String prefix, int chainOffset, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (System.nanoTime() < deadline) {
            // The rows of a chain are numbered 1, 2, 3 … without gaps, so the sum of the three heads counts them: three
            // index lookups, where a count(*) polled every 100 ms scanned every row written so far (the warm-up's
            // too) and added its PostgreSQL CPU, growing with the warm-up, to the window's.
            long rows = jdbc.sql("""
                            SELECT coalesce(sum((SELECT max(chain_seq) FROM audit_logs WHERE chain = c)), 0)
                            FROM generate_series(?, ?) AS c""")
                    .params(chainOffset, chainOffset + 2).query(Long.class).single();
            if (rows >= expected) {
                es.indices().refresh(r -> r.index(prefix + "-*"));
                long docs = es.count(c -> c.index(prefix + "-*")).count();
                if (docs >= expected) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("pipeline did not catch up within 30 minutes");
    }

    @SuppressWarnings("rawtypes")
    private static double[] lags(ElasticsearchClient es, String prefix) throws Exception {
        List<Double> lags = new ArrayList<>();
        List<FieldValue> after = List.of();
        while (true) {
            List<FieldValue> position = after;
            SearchResponse<Map> page = es.search(s -> {
                s.index(prefix + "-*").size(5000).source(src -> src.filter(f -> f.includes("@timestamp", "event.ingested")))
                        .query(q -> q.prefix(p -> p.field("user.id").value("lag-")))
                        .sort(o -> o.field(f -> f.field("event.id").order(SortOrder.Asc)));
                if (!position.isEmpty()) {
                    s.searchAfter(position);
                }
                return s;
            }, Map.class);
            if (page.hits().hits().isEmpty()) {
                break;
            }
            for (Hit<Map> hit : page.hits().hits()) {
                Map source = hit.source();
                Instant at = Instant.parse((String) source.get("@timestamp"));
                Instant ingested = Instant.parse((String) ((Map) source.get("event")).get("ingested"));
                lags.add((double) ChronoUnit.MICROS.between(at, ingested) / 1000.0);
                after = hit.sort();
            }
        }
        return lags.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void putTemplate(ElasticsearchClient es) throws Exception {
        try (var in = AuditBench.class.getClassLoader().getResourceAsStream("elasticsearch/index-templates/apfa-audit-logs.json")) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            es.indices().putIndexTemplate(t -> t.name("apfa-audit-logs").withJson(new StringReader(body)));
        }
    }

    private static void createTopic(Infra infra, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()))) {
            int partitions = Topic.AUDIT_EVENTS.partitions();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1),
                    new NewTopic(Topic.deadLetterTopicName(topic), partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> producer(Infra infra) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /**
     * CPU time of the bench's own threads in the end-to-end window: this (main) thread, which sends the records
     * and polls the sinks, and the producer's network thread. The rest of this JVM's CPU is audit-service's
     * (with the JVM's shared GC and JIT threads).
     */
    private static long benchThreadsCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = threads.getCurrentThreadCpuTime();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("kafka-producer-network-thread")) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
            }
        }
        return nanos;
    }

    /** CPU time of audit-service's busy threads, by kind: listener (read, validate, PostgreSQL), bulk, HTTP client. */
    private static Map<String, Long> serviceThreadsCpuNanos() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> nanos = new java.util.TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            String kind = name.startsWith("audit-events-") ? "listener" : name.equals("audit-bulk") ? "bulk"
                    : name.startsWith("elasticsearch-rest-client-") ? "es-http" : null;
            if (kind != null) {
                nanos.merge(kind, Math.max(0, threads.getThreadCpuTime(thread.getId())), Long::sum);
            }
        }
        return nanos;
    }

    /** CPU time (ms) of the JVM's own threads, from /proc/self/task: garbage collection and JIT compilation. */
    private static Map<String, Long> jvmThreadsCpuMillis() {
        Map<String, Long> millis = new java.util.TreeMap<>();
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    String comm = java.nio.file.Files.readString(task.resolve("comm")).trim();
                    String kind = comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "gc"
                            : comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "jit" : null;
                    if (kind != null) {
                        String stat = java.nio.file.Files.readString(task.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        millis.merge(kind, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10, Long::sum);
                    }
                } catch (Exception e) {
                    // thread ended meanwhile
                }
            });
        } catch (Exception e) {
            // no /proc: left out
        }
        return millis;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, Integer> options(String[] args) {
        Map<String, Integer> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), Integer.parseInt(arg.substring(arg.indexOf('=') + 1)));
            }
        }
        return options;
    }

    /**
     * CPU time consumed so far by the processes of the pipeline: this JVM (the bench and, end to end, the
     * audit-service it runs), Elasticsearch (its node stats), PostgreSQL (every local {@code postgres}
     * process, from /proc) and the Kafka broker (its PID file, when there is one). On a shared machine
     * wall-clock rates move with the load; CPU per event says what each step costs.
     */
    record Cpu(long jvmNanos, long esMillis, long pgMillis, long kafkaMillis) {

        static Cpu now(ElasticsearchClient es) {
            long esMillis = -1;
            try {
                esMillis = es.nodes().stats(s -> s.metric("process")).nodes().values().stream()
                        .mapToLong(n -> n.process().cpu().totalInMillis()).sum();
            } catch (Exception e) {
                // not available: printed as n/a
            }
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            return new Cpu(jvm, esMillis, procMillis(p -> "postgres".equals(comm(p))), procMillis(Cpu::isKafka));
        }

        /** "cpu per event: ..." between {@code before} and now. */
        String perEvent(Cpu before, ElasticsearchClient es, long events) {
            Cpu after = now(es);
            return String.format("cpu per event: this jvm %.0f us, elasticsearch %s, postgresql %s, kafka %s",
                    (after.jvmNanos - before.jvmNanos) / 1e3 / events, us(before.esMillis, after.esMillis, events),
                    us(before.pgMillis, after.pgMillis, events), us(before.kafkaMillis, after.kafkaMillis, events));
        }

        private static String us(long before, long after, long events) {
            return before < 0 || after < 0 ? "n/a" : String.format("%.0f us", (after - before) * 1e3 / events);
        }

        private static boolean isKafka(java.nio.file.Path proc) {
            try {
                return new String(java.nio.file.Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                        .contains("kafka.Kafka");
            } catch (Exception e) {
                return false;
            }
        }

        private static String comm(java.nio.file.Path proc) {
            try {
                return java.nio.file.Files.readString(proc.resolve("comm")).trim();
            } catch (Exception e) {
                return "";
            }
        }

        /** utime + stime of the matching processes in ms (100 ticks per second), -1 without /proc. */
        static long procMillis(java.util.function.Predicate<java.nio.file.Path> matches) {
            try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).filter(matches)
                        .mapToLong(p -> {
                            try {
                                String stat = java.nio.file.Files.readString(p.resolve("stat"));
                                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
                            } catch (Exception e) {
                                return 0; // ended meanwhile
                            }
                        }).sum();
            } catch (Exception e) {
                return -1;
            }
        }
    }
}
