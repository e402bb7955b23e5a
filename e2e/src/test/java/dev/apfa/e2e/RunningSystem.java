package dev.apfa.e2e;

import dev.apfa.testkit.Infra;
import dev.apfa.testkit.http.Http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system started by {@code bin/apfa up}, reached only through its gateway. The first super_admin's
 * password comes from {@code APFA_ADMIN_PASSWORD} or the file {@code bin/apfa} generated.
 */
public final class RunningSystem {

    static final String PASSWORD = "E2e-correct-horse-battery-staple";
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private RunningSystem() {
    }

    /** A client of the gateway with its own client address, so the per-IP rate limits of one test do not hit another. */
    public static Http gateway() {
        String url = System.getProperty("apfa.e2e.url", "http://127.0.0.1:8080");
        int n = CLIENTS.incrementAndGet();
        return new Http(url).as("198.51.100." + (n % 250 + 1));
    }

    public record Account(String id, String name, String token) {
    }

    /** A new account with role {@code user}, signed in. */
    public static Account newUser(Http http) {
        String name = Infra.uniqueName("e2e");
        Http.Response registered = http.post("/api/auth/register", Http.json(Map.of("username", name, "password", PASSWORD)), null);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return new Account(registered.text("id"), name, login(http, name, PASSWORD));
    }

    /** The first super_admin, signed in. */
    public static Account admin(Http http) {
        String name = System.getenv().getOrDefault("APFA_ADMIN_USERNAME", "admin");
        Http.Response me = http.get("/api/auth/me", login(http, name, adminPassword()));
        return new Account(me.text("id"), name, login(http, name, adminPassword()));
    }

    static String login(Http http, String name, String password) {
        Http.Response login = http.post("/api/auth/login", Http.json(Map.of("username", name, "password", password)), null);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.text("access_token");
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
