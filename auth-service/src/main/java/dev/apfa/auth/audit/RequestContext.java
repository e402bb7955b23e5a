package dev.apfa.auth.audit;

import dev.apfa.support.web.RequestIds;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who is calling, as far as the audit trail needs it. The address is Tomcat's remote address, which
 * the RemoteIpValve (server.forward-headers-strategy=native) takes from X-Forwarded-For only when
 * the direct peer is a trusted internal proxy such as the gateway.
 */
public record RequestContext(String ip, String requestId, String userAgent) {

    public static RequestContext of(HttpServletRequest request) {
        String agent = request.getHeader("User-Agent");
        if (agent != null && agent.length() > 256) {
            agent = agent.substring(0, 256);
        }
        return new RequestContext(request.getRemoteAddr(), RequestIds.of(request), agent);
    }
}
