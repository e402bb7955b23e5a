package dev.apfa.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * One line of CLI output about a component. {@code pid} is present only for a process this kit
 * started (and may stop); everything else it merely uses is "external". {@code startedIn} is null
 * unless this run started the component.
 */
record ComponentState(String name, String endpoint, OptionalLong pid, boolean up, Duration startedIn) {

    private static final String FORMAT = "%-14s %-40s %-12s %s";

    static ComponentState of(String name, String endpoint, OptionalLong pid, boolean up) {
        return new ComponentState(name, endpoint, pid, up, null);
    }

    ComponentState startedIn(Duration duration) {
        return new ComponentState(name, endpoint, pid, up, duration);
    }

    String owner() {
        return pid.isPresent() ? "pid " + pid.getAsLong() : up ? "external" : "-";
    }

    /** For {@code up}: name, endpoint, pid or external, and how long a start took. */
    String upLine() {
        String how = startedIn == null ? "attached"
                : String.format(Locale.ROOT, "started in %.1f s", startedIn.toMillis() / 1000.0);
        return String.format(Locale.ROOT, FORMAT, name, endpoint, owner(), how);
    }

    /** For {@code status}: name, endpoint (with port), pid or external, UP or DOWN. */
    String statusLine() {
        return String.format(Locale.ROOT, FORMAT, name, endpoint, owner(), up ? "UP" : "DOWN");
    }
}
