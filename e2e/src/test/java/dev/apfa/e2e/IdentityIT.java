package dev.apfa.e2e;

import dev.apfa.testkit.http.Http;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The running system's identity basics, through the gateway. */
class IdentityIT {

    private final Http http = RunningSystem.gateway();

    @Test
    void aNewUserSignsInAndIsRefusedAdminRoutes() {
        RunningSystem.Account user = RunningSystem.user(http);

        Http.Response me = http.get("/api/auth/me", user.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo(user.name());

        Http.Response batches = http.get("/api/admin/batches", user.token());
        assertThat(batches.status()).isEqualTo(403);
        assertThat(batches.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void theFirstSuperAdminSignsIn() {
        RunningSystem.Account admin = RunningSystem.admin(http);
        assertThat(http.get("/api/admin/batches", admin.token()).status()).isEqualTo(200);
    }
}
