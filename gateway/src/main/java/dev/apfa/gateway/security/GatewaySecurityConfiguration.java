package dev.apfa.gateway.security;

import dev.apfa.gateway.edge.Problems;
import dev.apfa.gateway.live.WebSocketBearerTokenConverter;
import dev.apfa.security.ApfaJwt;
import dev.apfa.security.JwtSettings;
import dev.apfa.security.TokenVersionView;
import dev.apfa.security.VerifiedTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * The edge's access rules: the same token checks as every service (libs/security's validator and
 * RS256 allow-list) plus the logout-all check, then the role each route of ARCHITECTURE.md needs.
 * The bearer token is forwarded untouched, so each service validates it again (defence in depth).
 * Anything not listed needs a signed-in caller; unknown paths then get 404 from the router.
 *
 * <p>Stateless: no security context and no saved request in a WebSession. Spring Security's default
 * request cache asks for the session on every request, and creating a WebSession hops to the
 * bounded-elastic and then the parallel scheduler, so the rest of each request ran on another
 * thread (~8 % of the edge's CPU in a JFR profile, and two thread hand-offs of latency).
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

    /**
     * RS256 against the JWKS and the shared claim checks, remembered for verified tokens
     * ({@code apfa.gateway.verified-token-cache}, 60 s; 0 turns it off), then the logout-all check on every
     * request against the token version auth-service announced (libs/security's {@link TokenVersionView}) or Redis,
     * so a logout-all or role change takes effect at once.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtSettings settings, ReactiveStringRedisTemplate redis, TokenVersionView versions,
                                  @Value("${apfa.gateway.verified-token-cache:60s}") Duration tokenTtl) {
        OAuth2TokenValidator<Jwt> validator = ApfaJwt.validator(settings);
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwksUrl())
                .jwsAlgorithm(ApfaJwt.ALGORITHM).build();
        decoder.setJwtValidator(validator);
        return new RevocationCheckingDecoder(
                new VerifiedTokenCache(decoder, new VerifiedTokens(validator, tokenTtl, CACHED_TOKENS, Clock.systemUTC())), redis, versions);
    }

    /** Verified tokens remembered at most (a few hundred bytes each). */
    static final int CACHED_TOKENS = 50_000;

    /**
     * The admin console's static files (dev.apfa.gateway.console): public, since the page holds no
     * data and every API it calls needs admin. Its own CSP lets the console load its own scripts,
     * styles, images and fonts and connect (fetch, WebSocket, SSE) to this origin only; browsers
     * following CSP 3 match same-origin ws:/wss: with 'self'. Caching is set per file by the routes.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain consoleFilterChain(ServerHttpSecurity http) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/admin", "/admin/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .headers(headers -> headers
                        .cache(ServerHttpSecurity.HeaderSpec.CacheSpec::disable)
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(auth -> auth.anyExchange().permitAll())
                .build();
    }

    static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                                  RoleHierarchy hierarchy) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeExchange(auth -> auth
                        // Actuator lives on the loopback management port only (application.yml).
                        .pathMatchers("/actuator", "/actuator/**").permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/auth/register", "/api/auth/login", "/api/auth/refresh",
                                "/api/auth/logout").permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/auth/.well-known/jwks.json").permitAll()
                        .pathMatchers("/api/admin/users", "/api/admin/users/**", "/api/admin/keys/**", "/api/audit/verify")
                                .hasRole("SUPER_ADMIN")
                        .pathMatchers("/api/admin/**", "/api/events/**", "/ws/**").hasRole("ADMIN")
                        .pathMatchers("/api/advice", "/api/advice/**", "/api/search/**", "/api/audit/**").hasRole("USER")
                        .anyExchange().authenticated())
                .oauth2ResourceServer(oauth -> oauth
                        // Header tokens everywhere; the WebSocket handshake may carry it as a subprotocol.
                        .bearerTokenConverter(new WebSocketBearerTokenConverter())
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
