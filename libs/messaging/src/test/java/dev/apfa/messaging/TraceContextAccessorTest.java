package dev.apfa.messaging;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextAccessorTest {

    @Test
    void noTracerAndTheNoOpTracerGiveNoTraceparent() {
        assertThat(new TraceContextAccessor(null).currentTraceparent()).isEmpty();
        // Micrometer's no-op tracer has a context with empty ids: "00---00" would be an invalid traceparent.
        assertThat(new TraceContextAccessor(Tracer.NOOP).currentTraceparent()).isEmpty();
        assertThat(new TraceContextAccessor(Tracer.NOOP).currentTraceId()).isEmpty();
    }
}
