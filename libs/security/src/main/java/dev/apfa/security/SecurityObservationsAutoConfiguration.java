package dev.apfa.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No Spring Security observations in any service (servlet or the reactive gateway): no span and timer per filter-chain
 * phase, authentication and authorization. With this setting Spring Security does not even wrap its filters in the
 * observing decorator, which {@code management.observations.enable.spring.security=false} left in place (it only
 * turned each observation into a no-op after building it). The request itself is still timed
 * ({@code http.server.requests}) and traced. A service that wants them declares its own settings bean.
 */
@AutoConfiguration
@ConditionalOnClass(SecurityObservationSettings.class)
public class SecurityObservationsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings apfaSecurityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
