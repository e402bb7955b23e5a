package dev.apfa.security.servlet;

import dev.apfa.security.ApfaJwt;
import dev.apfa.security.CachingJwtDecoder;
import dev.apfa.security.JwtSettings;
import dev.apfa.security.TokenVersionView;
import dev.apfa.security.VerifiedTokens;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Makes every servlet service that depends on libs/security a JWT resource server of auth-service
 * (see README). Each bean backs off when the service declares its own.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, SecurityFilterChain.class})
public class ServletSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JwtSettings apfaJwtSettings(Environment env) {
        return JwtSettings.from(env);
    }

    @Bean
    @ConditionalOnMissingBean
    static RoleHierarchy apfaRoleHierarchy() {
        return ApfaJwt.roleHierarchy();
    }

    /** The shared checks plus, when the service has Redis, the logout-all (token version) check. */
    @Bean
    @ConditionalOnMissingBean(name = "apfaJwtValidator")
    OAuth2TokenValidator<Jwt> apfaJwtValidator(JwtSettings settings, Environment env,
                                               ObjectProvider<RedisCheck> redisCheck) {
        OAuth2TokenValidator<Jwt> base = ApfaJwt.validator(settings);
        RedisCheck check = redisCheck.getIfAvailable();
        if (check == null || !env.getProperty("apfa.security.check-token-version", Boolean.class, true)) {
            return base;
        }
        return new DelegatingOAuth2TokenValidator<>(List.of(base, check.validator()));
    }

    /**
     * RS256 against the JWKS and the validator above; a verified token is remembered for
     * {@code apfa.security.verified-token-cache} (default 60 s, {@code 0s}: verify every time), its claims (expiry,
     * logout-all) still checked on every use ({@link VerifiedTokens}).
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder apfaJwtDecoder(JwtSettings settings, OAuth2TokenValidator<Jwt> apfaJwtValidator, Environment env) {
        Duration ttl = env.getProperty("apfa.security.verified-token-cache", Duration.class, DEFAULT_VERIFIED_TOKEN_TTL);
        return new CachingJwtDecoder(ApfaJwt.decoder(settings, apfaJwtValidator),
                new VerifiedTokens(apfaJwtValidator, ttl, VERIFIED_TOKENS, Clock.systemUTC()));
    }

    static final Duration DEFAULT_VERIFIED_TOKEN_TTL = Duration.ofSeconds(60);
    /** Verified tokens remembered at most (a few hundred bytes each). */
    static final int VERIFIED_TOKENS = 10_000;

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain apfaSecurityFilterChain(HttpSecurity http, JwtSettings settings, JwtDecoder decoder)
            throws Exception {
        return ApfaHttpSecurity.apply(http, settings, decoder).build();
    }

    @Bean
    SecurityProblemAdvice apfaSecurityProblemAdvice() {
        return new SecurityProblemAdvice();
    }

    @Bean
    WebMvcConfigurer apfaCurrentUserResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentUserArgumentResolver());
            }
        };
    }

    /** {@code @PreAuthorize} and friends, with the role hierarchy above. */
    @Configuration(proxyBeanMethods = false)
    @EnableMethodSecurity
    static class MethodSecurity {
    }

    /** Present only when the service has Spring Data Redis and a template. */
    public record RedisCheck(OAuth2TokenValidator<Jwt> validator) {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(StringRedisTemplate.class)
    static class RedisTokenVersionConfiguration {
        @Bean
        @ConditionalOnMissingBean
        RedisCheck apfaRedisTokenVersionCheck(ObjectProvider<StringRedisTemplate> redis, ObjectProvider<TokenVersionView> views) {
            StringRedisTemplate template = redis.getIfAvailable();
            return template == null ? new RedisCheck(jwt -> org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success())
                    : new RedisCheck(new RedisTokenVersionValidator(template, views.getIfAvailable()));
        }
    }
}
