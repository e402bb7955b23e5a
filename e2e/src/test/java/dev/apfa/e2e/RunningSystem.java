package dev.apfa.e2e;

import dev.apfa.testkit.Infra;
import dev.apfa.testkit.http.Http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system started by {@code bin/apfa up}, reached only through its gateway. The first super_admin's
 * password comes from {@code APFA_ADMIN_PASSWORD} or the file {@code bin/apfa} generated.
 */
public final class RunningSystem {

    static final String PASSWORD = "E2e-correct-horse-battery-staple";
    private static Account sharedUser;
    private static Account sharedAdmin;

    private RunningSystem() {
    }

    /** A client of the gateway (which ignores client-sent X-Forwarded-For: all tests share one client address). */
    public static Http gateway() {
        return new Http(System.getProperty("apfa.e2e.url", "http://127.0.0.1:8080"));
    }

    public record Account(String id, String name, String token) {
    }

    /**
     * One signed-in {@code user} account shared by the whole run (its access token lives 15 minutes): the
     * gateway allows few registrations and logins per client address and minute, and every test here comes
     * from the same address.
     */
    public static synchronized Account user(Http http) {
        if (sharedUser == null) {
            sharedUser = newUser(http);
        }
        return sharedUser;
    }

    /** The first super_admin, signed in once per run. */
    public static synchronized Account admin(Http http) {
        if (sharedAdmin == null) {
            String name = System.getenv().getOrDefault("APFA_ADMIN_USERNAME", "admin");
            String token = login(http, name, adminPassword());
            sharedAdmin = new Account(http.get("/api/auth/me", token).text("id"), name, token);
        }
        return sharedAdmin;
    }

    /** A new account with role {@code user}, signed in. */
    public static Account newUser(Http http) {
        String name = Infra.uniqueName("e2e");
        Http.Response registered = limited(() -> http.post("/api/auth/register",
                Http.json(Map.of("username", name, "password", PASSWORD)), null));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return new Account(registered.text("id"), name, login(http, name, PASSWORD));
    }

    public static String login(Http http, String name, String password) {
        Http.Response login = limited(() -> http.post("/api/auth/login",
                Http.json(Map.of("username", name, "password", password)), null));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.text("access_token");
    }

    /** Calls again, as often as the limit allows, while the gateway answers 429 (honouring Retry-After). */
    public static Http.Response limited(Supplier<Http.Response> call) {
        Http.Response response = call.get();
        for (int tries = 0; response.status() == 429 && tries < 3; tries++) {
            String retryAfter = response.header("Retry-After");
            long seconds = retryAfter == null ? 5 : Math.min(65, Long.parseLong(retryAfter.trim()));
            try {
                Thread.sleep(seconds * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            response = call.get();
        }
        return response;
    }

    static String adminPassword() {
        String fromEnv = System.getenv("APFA_ADMIN_PASSWORD");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String dataDir = System.getenv().getOrDefault("APFA_DATA_DIR", root().resolve(".apfa").toString());
        try {
            return Files.readString(Path.of(dataDir, "admin-password")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("no APFA_ADMIN_PASSWORD and no admin-password file; is the system up?", e);
        }
    }

    private static Path root() {
        for (Path dir = Path.of(System.getProperty("apfa.root", ".")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin").resolve("apfa"))) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find the repository root from apfa.root");
    }
}
