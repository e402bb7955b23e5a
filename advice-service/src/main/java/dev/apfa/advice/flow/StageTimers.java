package dev.apfa.advice.flow;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code apfa_advice_stage_seconds{stage, cached}}: one histogram per stage of the flow (redact, decide, cache,
 * embed, retrieve, generate, bias, store, total), so p95/p99 per stage can be read from Prometheus. {@code cached}
 * is true for the stages of an answer served from the cache (for {@code cache}: the lookup was a hit); redact and
 * decide run before the lookup and always carry {@code cached=false}.
 */
class StageTimers {

    private final MeterRegistry meters;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    StageTimers(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(String stage, boolean cached, long nanos) {
        timers.computeIfAbsent(stage + ":" + cached, key -> Timer.builder("apfa.advice.stage")
                        .description("Duration of one stage of the advice flow")
                        .tag("stage", stage).tag("cached", Boolean.toString(cached))
                        .publishPercentileHistogram().register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
