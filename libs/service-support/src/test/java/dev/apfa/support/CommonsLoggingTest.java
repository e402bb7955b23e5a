package dev.apfa.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring's log calls (Commons Logging) reach Logback without formatting what a disabled level drops. */
class CommonsLoggingTest {

    @Test
    void aDisabledDebugMessageIsNeverFormatted() {
        ((Logger) LoggerFactory.getLogger("dev.apfa.support.quiet")).setLevel(Level.INFO);
        Log log = LogFactory.getLog("dev.apfa.support.quiet");
        AtomicInteger formatted = new AtomicInteger();
        Object message = new Object() {
            @Override
            public String toString() {
                formatted.incrementAndGet();
                return "expensive";
            }
        };
        assertThat(log.isDebugEnabled()).isFalse();
        log.debug(message);
        assertThat(formatted).hasValue(0);
        log.info(message);
        assertThat(formatted).hasValue(1);
    }
}
