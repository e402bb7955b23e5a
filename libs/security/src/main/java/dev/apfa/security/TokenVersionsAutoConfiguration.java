package dev.apfa.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import java.time.Duration;

/**
 * One {@link TokenVersionView} per service that talks to Redis through Lettuce, subscribed to auth-service's
 * announcements ({@link TokenVersionSubscription}), for whichever verifier the service runs (the gateway's decoder,
 * the servlet services' validator). {@code apfa.security.token-version-max-age} (5 s; 0: Redis is asked on every
 * request) bounds how long a remembered version is trusted.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass(LettuceConnectionFactory.class)
@ConditionalOnBean(LettuceConnectionFactory.class)
public class TokenVersionsAutoConfiguration {

    /** Users whose token version is remembered at most (~150 bytes each). */
    static final int MAX_USERS = 100_000;

    @Bean
    @ConditionalOnMissingBean
    TokenVersionView apfaTokenVersionView(Environment env) {
        Duration maxAge = env.getProperty("apfa.security.token-version-max-age", Duration.class, Duration.ofSeconds(5));
        return new TokenVersionView(maxAge.toNanos(), MAX_USERS, System::nanoTime);
    }

    @Bean
    @ConditionalOnMissingBean
    TokenVersionSubscription apfaTokenVersionSubscription(LettuceConnectionFactory redis, TokenVersionView view) {
        return new TokenVersionSubscription(redis, view);
    }
}
