package dev.apfa.support;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

import java.util.Set;

/**
 * Auto-configurations no service of APFA runs, left out for every application with this library on its class path
 * (registered in {@code META-INF/spring.factories}).
 * <p>
 * {@code LettuceObservationAutoConfiguration}: an observation (a timer, and a span where a tracer exists) per Redis
 * command; the token-version and cache reads are on every signed-in request, nothing reads {@code lettuce_*} meters,
 * and the OpenTelemetry javaagent, where traces are kept, instruments Lettuce itself.
 * <p>
 * A filter rather than {@code spring.autoconfigure.exclude} in {@code apfa-service.yml}: a service imports that file,
 * and an imported file's values replace the importing file's, so a shared exclusion list there silently dropped a
 * service's own list (the gateway's, in stop 5). Filters add up; a service still excludes what it likes its own way.
 */
public class LeftOutAutoConfigurations implements AutoConfigurationImportFilter {

    static final Set<String> LEFT_OUT = Set.of(
            "org.springframework.boot.data.redis.autoconfigure.observation.LettuceObservationAutoConfiguration");

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] match = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < match.length; i++) {
            // null: already left out by an earlier filter
            match[i] = autoConfigurationClasses[i] == null || !LEFT_OUT.contains(autoConfigurationClasses[i]);
        }
        return match;
    }
}
