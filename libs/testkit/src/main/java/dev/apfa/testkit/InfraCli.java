package dev.apfa.testkit;

import java.io.PrintStream;
import java.util.List;

/**
 * Command line for the local run (bin/apfa calls it):
 * <pre>
 *   java -cp target/testkit-&lt;version&gt;.jar:$(cat target/classpath.txt) dev.apfa.testkit.InfraCli up|status|down
 * </pre>
 * Results go to stdout, one line per component; progress and errors to stderr.
 * Exit codes: 0 done (status: everything up), 1 failed, 2 usage, 3 status found something down.
 */
public final class InfraCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int SOMETHING_DOWN = 3;

    private InfraCli() {
    }

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            return usage(err);
        }
        try {
            switch (args[0]) {
                case "up":
                    controller().up().forEach(state -> out.println(state.upLine()));
                    return OK;
                case "status":
                    List<ComponentState> states = controller().status();
                    states.forEach(state -> out.println(state.statusLine()));
                    return states.stream().allMatch(ComponentState::up) ? OK : SOMETHING_DOWN;
                case "down":
                    controller().down().forEach(out::println);
                    return OK;
                default:
                    return usage(err);
            }
        } catch (InfraException e) {
            err.println("infra " + args[0] + " failed: " + e.getMessage());
            return FAILED;
        }
    }

    private static InfraController controller() {
        return new InfraController(InfraSettings.fromEnvironment());
    }

    private static int usage(PrintStream err) {
        err.println("usage: InfraCli up|status|down");
        err.println("  up      start or attach to PostgreSQL, Redis, Kafka and Elasticsearch, then provision them");
        err.println("  status  one line per component: name, endpoint, pid|external|-, UP|DOWN");
        err.println("  down    stop the Kafka and Elasticsearch processes 'up' started (PID files), nothing else");
        return USAGE;
    }

    /**
     * The CLI's log goes through slf4j-simple (an optional dependency of this module, so services
     * keep their own binding): the kit's progress at INFO, libraries only when they warn.
     */
    private static void configureLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.dev.apfa", "info");
        setIfAbsent("org.slf4j.simpleLogger.showThreadName", "false");
        setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
        setIfAbsent("org.slf4j.simpleLogger.levelInBrackets", "true");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
