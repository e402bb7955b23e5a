package dev.apfa.security.servlet;

import dev.apfa.security.ApfaJwt;
import dev.apfa.security.JwtSettings;
import jakarta.servlet.DispatcherType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The servlet security rules every APFA service starts from: stateless bearer-token API, deny by
 * default, actuator health/info/prometheus and the configured public paths open, problem+json
 * 401/403. A service that needs its own {@code SecurityFilterChain} calls {@link #apply} first.
 */
public final class ApfaHttpSecurity {

    private ApfaHttpSecurity() {
    }

    public static HttpSecurity apply(HttpSecurity http, JwtSettings settings, JwtDecoder decoder) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        ProblemAccessDeniedHandler deniedHandler = new ProblemAccessDeniedHandler();
        String[] publicPaths = settings.publicPaths().toArray(String[]::new);
        return http
                // Bearer tokens in a header, no cookies: CSRF cannot ride on them.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(auth -> {
                    // Error dispatches render the problem body of a request already judged.
                    auth.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus").permitAll();
                    if (publicPaths.length > 0) {
                        auth.requestMatchers(publicPaths).permitAll();
                    }
                    auth.anyRequest().authenticated();
                })
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(ApfaJwt.authenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler));
    }
}
