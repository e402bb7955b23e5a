package dev.apfa.audit.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.util.concurrent.TimeUnit;

/**
 * Time spent per poll batch in each stage of the audit sink ({@code apfa_audit_sink_stage_seconds}
 * with {@code stage} = read, postgresql, elasticsearch, and both: the overlapped write until both sinks are
 * durable): where the end-to-end rate goes.
 */
@Component
class SinkStages {

    private final MeterRegistry meters;

    SinkStages(MeterRegistry meters) {
        this.meters = meters;
    }

    void record(String stage, long startNanos) {
        Timer.builder("apfa.audit.sink.stage").tag("stage", stage).register(meters)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
