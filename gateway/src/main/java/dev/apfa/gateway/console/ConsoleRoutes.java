package dev.apfa.gateway.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RequestPredicates.HEAD;

/**
 * Serves the admin console (module admin-console, whose build puts the Vite output under
 * {@code META-INF/resources/admin/}) at {@code /admin/}. Only this path is mapped: Boot's global
 * static mapping stays off so every other unknown path is a problem+json 404 from the edge.
 * <p>
 * Caching: {@code index.html} (and any un-hashed file) is {@code no-cache}, so a new deployment is
 * seen at once; {@code /admin/assets/*} carry a content hash in their names (Vite), so they are
 * immutable for a year. Client-side routes (a path under /admin/ without a file extension that is
 * not a file) get index.html too, so a reload on a deep link works.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleRoutes {

    static final String LOCATION = "META-INF/resources/admin/";
    private static final CacheControl HASHED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

    @Bean
    RouterFunction<ServerResponse> adminConsole() {
        Resource root = new ClassPathResource(LOCATION);
        Resource index = new ClassPathResource(LOCATION + "index.html");
        RequestPredicate page = GET("/admin/").or(HEAD("/admin/"));
        RequestPredicate clientRoute = GET("/admin/**").and(ConsoleRoutes::looksLikeClientRoute);
        return RouterFunctions.route(GET("/admin").or(HEAD("/admin")),
                        request -> ServerResponse.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create("/admin/")).build())
                .andRoute(page, request -> indexPage(index))
                .and(RouterFunctions.resources("/admin/**", root, ConsoleRoutes::cacheHeaders))
                .andRoute(clientRoute, request -> indexPage(index));
    }

    private static Mono<ServerResponse> indexPage(Resource index) {
        if (!index.isReadable()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        return ServerResponse.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML).bodyValue(index);
    }

    static void cacheHeaders(Resource resource, HttpHeaders headers) {
        boolean hashed = resource instanceof ClassPathResource file && file.getPath().startsWith(LOCATION + "assets/");
        headers.setCacheControl(hashed ? HASHED : CacheControl.noCache());
    }

    private static boolean looksLikeClientRoute(ServerRequest request) {
        String path = request.path();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !path.startsWith("/admin/assets/") && !last.contains(".");
    }
}
