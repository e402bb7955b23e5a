package dev.apfa.advice.flow;

import dev.apfa.advice.bias.BiasChecker;
import dev.apfa.advice.bias.BiasReport;
import dev.apfa.advice.cache.AdviceCache;
import dev.apfa.advice.cache.CacheKey;
import dev.apfa.advice.events.AdviceAudit;
import dev.apfa.advice.generation.GeneratedAnswer;
import dev.apfa.advice.generation.Generation;
import dev.apfa.advice.generation.GenerationRequest;
import dev.apfa.advice.generation.Snippets;
import dev.apfa.advice.history.AdviceHistory;
import dev.apfa.advice.history.AdviceRecord;
import dev.apfa.advice.history.UserIds;
import dev.apfa.advice.loan.DecisionEngine;
import dev.apfa.advice.loan.InvalidProfileException;
import dev.apfa.advice.loan.LoanMetrics;
import dev.apfa.advice.loan.Profile;
import dev.apfa.advice.pii.Classification;
import dev.apfa.advice.pii.DataClassifier;
import dev.apfa.advice.pii.PiiRedactor;
import dev.apfa.advice.pii.Redaction;
import dev.apfa.advice.retrieval.ActiveIndexVersion;
import dev.apfa.advice.retrieval.Passage;
import dev.apfa.advice.retrieval.Retrieval;
import dev.apfa.advice.retrieval.Retriever;
import dev.apfa.messaging.TraceContextAccessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The advice flow: redact → classify → cache → decide → retrieve → generate → bias check (and mitigate) →
 * store, audit; a cache hit goes from the lookup straight to store, audit. From the first step on only the redacted
 * question exists in this class; the raw one is never passed further. See docs/architecture.md "#5 advice flow".
 */
public class AdviceFlow {

    static final String MITIGATION_NONE = "none";
    static final String MITIGATION_REGENERATED = "regenerated";
    static final String MITIGATION_WITHHELD = "withheld";
    static final String WITHHELD = "APFA withheld this answer because it failed the fair-lending check twice: an answer "
            + "may not depend on, or give as a reason, a protected characteristic (such as race, color, religion, "
            + "national origin, sex, marital status, age, familial status, disability or receipt of public assistance). "
            + "Your computed figures are still shown. Please ask again without personal characteristics, or talk to a "
            + "licensed loan officer or a HUD-approved housing counselor.";
    static final int SNIPPET_CHARS = 240;

    private final PiiRedactor redactor;
    private final DataClassifier classifier;
    private final DecisionEngine decisions;
    private final BiasChecker bias;
    private final AdviceCache cache;
    private final ActiveIndexVersion activeIndex;
    private final Retriever retriever;
    private final Generation generation;
    private final AdviceHistory history;
    private final AdviceAudit audit;
    private final StageTimers timers;
    private final JsonMapper json;
    private final TraceContextAccessor traces;
    private final TransactionTemplate tx;

    AdviceFlow(PiiRedactor redactor, DataClassifier classifier, DecisionEngine decisions, BiasChecker bias,
               AdviceCache cache, ActiveIndexVersion activeIndex, Retriever retriever, Generation generation,
               AdviceHistory history, AdviceAudit audit, StageTimers timers, JsonMapper json,
               TraceContextAccessor traces, TransactionTemplate tx) {
        this.redactor = redactor;
        this.classifier = classifier;
        this.decisions = decisions;
        this.bias = bias;
        this.cache = cache;
        this.activeIndex = activeIndex;
        this.retriever = retriever;
        this.generation = generation;
        this.history = history;
        this.audit = audit;
        this.timers = timers;
        this.json = json;
        this.traces = traces;
        this.tx = tx;
    }

    /**
     * The response and what the request metric reports (cache flag, stage timings in ms: the response's
     * {@code total, embed, retrieve, generate} plus {@code store}, the history and outbox write).
     */
    public record Outcome(AdviceResponse response, Map<String, Double> timingsMs) {
    }

    public Outcome advise(AdviceRequest request, Caller caller) {
        long start = System.nanoTime();
        Profile profile = ProfileInput.toProfile(request.profile());
        Redaction redaction = redactor.redact(request.query());
        String query = redaction.text();
        Classification requestClass = classifier.classifyRequest(redaction, profile);
        long redacted = System.nanoTime();
        timers.record("redact", false, redacted - start);

        // The cache first: a hit carries the decision made when it was stored (the key holds the question and
        // profile it was made from, and only valid profiles are ever answered, so stored), and need not repeat it.
        String generatorId = generation.configuredId();
        Optional<Integer> version = activeIndex.current();
        if (version.isPresent()) {
            Optional<AdviceBody> hit = cache.get(CacheKey.of(query, profile, version.get(), generatorId));
            timers.record("cache", hit.isPresent(), System.nanoTime() - redacted);
            if (hit.isPresent()) {
                AdviceBody body = withClassification(hit.get(), max(requestClass, hit.get().classification()));
                return finish(body, true, caller, query, redaction, start, new Stages());
            }
        } else {
            cache.countMiss();
        }

        long looked = System.nanoTime();
        LoanMetrics metrics = decide(query, profile);
        timers.record("decide", false, System.nanoTime() - looked);

        Stages stages = new Stages();
        Retrieval retrieval = retrieve(query, caller, stages);
        GenerationRequest first = new GenerationRequest(query, metrics, retrieval.passages(), retrieval.available());
        GeneratedAnswer answer = generate(first, stages);
        long checkStart = System.nanoTime();
        BiasReport report = bias.check(query, profile, metrics, answer.text());
        timers.record("bias", false, System.nanoTime() - checkStart);

        String mitigation = MITIGATION_NONE;
        Retrieval used = retrieval;
        LoanMetrics usedMetrics = metrics;
        String text = answer.text();
        String generator = answer.generator();
        if (!report.passed()) {
            // Mitigation: once more from the question without protected attributes (its own decision and
            // passages); if that also fails, withhold the answer with an explanation, never return it silently.
            String neutral = bias.neutralize(query);
            LoanMetrics neutralMetrics = decide(neutral, profile);
            Retrieval neutralRetrieval = neutral.equals(query) ? retrieval : retrieve(neutral, caller, stages);
            GeneratedAnswer second = generate(new GenerationRequest(neutral, neutralMetrics, neutralRetrieval.passages(),
                    neutralRetrieval.available()), stages);
            report = bias.check(neutral, profile, neutralMetrics, second.text());
            used = neutralRetrieval;
            usedMetrics = neutralMetrics;
            generator = second.generator();
            if (report.passed()) {
                mitigation = MITIGATION_REGENERATED;
                text = second.text();
            } else {
                mitigation = MITIGATION_WITHHELD;
                text = WITHHELD;
            }
        }
        List<AdviceBody.Citation> citations = MITIGATION_WITHHELD.equals(mitigation) ? List.of() : citations(text, used.passages());
        Classification classification = max(requestClass, classifier.classifyAnswer(text, profile));
        AdviceBody body = new AdviceBody(text, citations, usedMetrics, AdviceBody.Bias.of(report, mitigation), classification,
                generator, used.indexVersion(),
                used.available() ? AdviceBody.RETRIEVAL_OK : AdviceBody.RETRIEVAL_UNAVAILABLE);
        // Only complete answers are cached: with sources, from the configured generator, not withheld. A degraded
        // answer must not outlive the outage that caused it.
        if (used.available() && used.indexVersion() != null && generator.equals(generatorId)
                && !MITIGATION_WITHHELD.equals(mitigation)) {
            cache.put(CacheKey.of(query, profile, used.indexVersion(), generatorId), body);
        }
        return finish(body, false, caller, query, redaction, start, stages);
    }

    private LoanMetrics decide(String query, Profile profile) {
        try {
            return decisions.decide(query, profile);
        } catch (InvalidProfileException e) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST,
                    ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage()), e);
        }
    }

    private Retrieval retrieve(String query, Caller caller, Stages stages) {
        Retrieval retrieval = retriever.retrieve(query, caller.bearerToken());
        stages.embed += retrieval.embedNanos();
        stages.retrieve += retrieval.retrieveNanos();
        timers.record("embed", false, retrieval.embedNanos());
        timers.record("retrieve", false, retrieval.retrieveNanos());
        return retrieval;
    }

    private GeneratedAnswer generate(GenerationRequest request, Stages stages) {
        long start = System.nanoTime();
        GeneratedAnswer answer = generation.generate(request);
        long took = System.nanoTime() - start;
        stages.generate += took;
        timers.record("generate", false, took);
        return answer;
    }

    /** The passages the answer cites as {@code [n]}; all given passages when it cites none by number. */
    static List<AdviceBody.Citation> citations(String text, List<Passage> passages) {
        List<AdviceBody.Citation> cited = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) {
            if (text.contains("[" + (i + 1) + "]")) {
                cited.add(citation(passages.get(i)));
            }
        }
        if (cited.isEmpty()) {
            passages.forEach(passage -> cited.add(citation(passage)));
        }
        return List.copyOf(cited);
    }

    private static AdviceBody.Citation citation(Passage passage) {
        return new AdviceBody.Citation(passage.docId(), passage.label(), Math.round(passage.score() * 10_000) / 10_000.0,
                passage.hasText() ? Snippets.of(passage.text(), SNIPPET_CHARS) : null);
    }

    private Outcome finish(AdviceBody body, boolean cached, Caller caller, String query, Redaction redaction,
                           long start, Stages stages) {
        UUID id = UUID.randomUUID();
        long total = System.nanoTime() - start;
        AdviceResponse.Latency latency = new AdviceResponse.Latency(ms(total), ms(stages.embed), ms(stages.retrieve),
                ms(stages.generate));
        AdviceResponse response = AdviceResponse.of(id, body, cached, latency, traces.currentTraceId().orElse(null));

        long storeStart = System.nanoTime();
        AdviceRecord record = new AdviceRecord(id, UserIds.of(caller.user().id()), query, json.writeValueAsString(response),
                body.classification().name(), body.generator(), body.indexVersion(), response.traceId());
        // The history row and its audit event (outbox) commit together.
        tx.executeWithoutResult(status -> {
            history.save(record);
            audit.generated(caller.user(), id, caller.sourceIp(), caller.requestId(), caller.userAgent(),
                    details(body, cached, redaction));
        });
        long stored = System.nanoTime();
        timers.record("store", cached, stored - storeStart);
        timers.record("total", cached, stored - start);

        Map<String, Double> timings = new LinkedHashMap<>();
        timings.put("total", latency.total());
        timings.put("embed", latency.embed());
        timings.put("retrieve", latency.retrieve());
        timings.put("generate", latency.generate());
        // The history write comes after the response (with its latency) is fixed: reported here, not in it.
        timings.put("store", ms(stored - storeStart));
        return new Outcome(response, timings);
    }

    /** What the audit trail keeps of an answer: how it was made, never what it says. */
    private static Map<String, Object> details(AdviceBody body, boolean cached, Redaction redaction) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cached", cached);
        details.put("generator", body.generator());
        details.put("classification", body.classification().name());
        details.put("retrieval", body.retrievalStatus());
        if (body.indexVersion() != null) {
            details.put("index_version", body.indexVersion());
        }
        if (body.metrics() != null && body.metrics().category() != null) {
            details.put("category", body.metrics().category().name());
        }
        details.put("bias_passed", body.bias().passed());
        details.put("bias_mitigation", body.bias().mitigation());
        details.put("pii_redacted", redaction.found().values().stream().mapToInt(Integer::intValue).sum());
        details.put("citations", body.citations().size());
        return details;
    }

    private static AdviceBody withClassification(AdviceBody body, Classification classification) {
        return new AdviceBody(body.advice(), body.citations(), body.metrics(), body.bias(), classification,
                body.generator(), body.indexVersion(), body.retrievalStatus());
    }

    static Classification max(Classification a, Classification b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }

    /** Time spent in the remote stages of one request, in nanoseconds. */
    private static final class Stages {
        long embed;
        long retrieve;
        long generate;
    }
}
