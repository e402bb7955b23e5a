package bench.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway with its defaults and one route to auth-service (application.yml): no security, no rate limit,
 * no breaker, none of the edge's filters. What the gateway's stack costs per request before APFA adds anything.
 */
@SpringBootApplication
public class ScgFloor {

    public static void main(String[] args) {
        SpringApplication.run(ScgFloor.class, args);
    }
}
