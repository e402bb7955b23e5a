package bench.floor;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;

/**
 * The least a proxy on Reactor Netty (what Spring Cloud Gateway runs on) can do: each request's method, path and
 * headers go to auth-service on a pooled keep-alive connection, its status, headers and body come back. No routing,
 * no header rules, no errors handled. Ports from APFA_GATEWAY_PORT (proxy) and APFA_GATEWAY_MANAGEMENT_PORT (answers
 * 200, for run.sh's wait), upstream from APFA_AUTH_URL.
 */
public final class NettyFloor {

    private NettyFloor() {
    }

    public static void main(String[] args) {
        HttpClient upstream = HttpClient.create().baseUrl(System.getenv("APFA_AUTH_URL"));
        DisposableServer proxy = HttpServer.create().host("127.0.0.1").port(Integer.parseInt(System.getenv("APFA_GATEWAY_PORT")))
                .handle((request, response) -> upstream.headers(headers -> headers.add(request.requestHeaders()))
                        .request(request.method()).uri(request.uri())
                        .response((answer, body) -> response.status(answer.status()).headers(answer.responseHeaders()).send(body.retain())))
                .bindNow();
        HttpServer.create().host("127.0.0.1").port(Integer.parseInt(System.getenv("APFA_GATEWAY_MANAGEMENT_PORT")))
                .handle((request, response) -> response.sendString(Mono.just("UP"))).bindNow();
        proxy.onDispose().block();
    }
}
