package dev.apfa.gateway.security;

import dev.apfa.gateway.edge.Problems;
import dev.apfa.security.ApfaJwt;
import dev.apfa.security.JwtSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import reactor.core.publisher.Mono;

/**
 * The edge's access rules: the same token checks as every service (libs/security's validator and
 * RS256 allow-list) plus the logout-all check, then the role each route of ARCHITECTURE.md needs.
 * The bearer token is forwarded untouched, so each service validates it again (defence in depth).
 * Anything not listed needs a signed-in caller; unknown paths then get 404 from the router.
 */
@Configuration(proxyBeanMethods = false)
public class GatewaySecurityConfiguration {

    @Bean
    JwtSettings jwtSettings(Environment env) {
        return JwtSettings.from(env);
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return ApfaJwt.roleHierarchy();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtSettings settings, ReactiveStringRedisTemplate redis) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwksUrl())
                .jwsAlgorithm(ApfaJwt.ALGORITHM).build();
        decoder.setJwtValidator(ApfaJwt.validator(settings));
        return new RevocationCheckingDecoder(decoder, redis);
    }

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                                  RoleHierarchy hierarchy) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(auth -> auth
                        // Actuator lives on the loopback management port only (application.yml).
                        .pathMatchers("/actuator", "/actuator/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/api/auth/logout").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/auth/.well-known/jwks.json").permitAll()
                        .pathMatchers("/api/admin/users", "/api/admin/users/**", "/api/audit/verify").hasRole("SUPER_ADMIN")
                        .pathMatchers("/api/admin/**", "/api/events/**", "/ws/**", "/admin", "/admin/**").hasRole("ADMIN")
                        .pathMatchers("/api/advice", "/api/advice/**", "/api/search/**", "/api/audit/**").hasRole("USER")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(source -> {
                            JwtAuthenticationToken token = (JwtAuthenticationToken) ApfaJwt.authenticationConverter().convert(source);
                            // Spell the hierarchy out so hasRole('USER') also admits an admin.
                            return Mono.just(new JwtAuthenticationToken(source,
                                    hierarchy.getReachableGrantedAuthorities(token.getAuthorities()), token.getName()));
                        }))
                        .authenticationEntryPoint((exchange, ex) -> unauthorized(exchange))
                        .accessDeniedHandler((exchange, ex) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "You are not allowed to do this.")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, ex) -> unauthorized(exchange))
                        .accessDeniedHandler((exchange, ex) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                                "You are not allowed to do this.")))
                .build();
    }

    private static Mono<Void> unauthorized(org.springframework.web.server.ServerWebExchange exchange) {
        boolean hadToken = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                hadToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        return Problems.write(exchange, HttpStatus.UNAUTHORIZED,
                hadToken ? "The access token is invalid or expired." : "Authentication is required.");
    }
}
