package dev.apfa.testkit;

import java.util.Map;

/**
 * Where a component is, and whether the address came from the environment. An address from the
 * environment is only attached to, never started: it may be a compose stack or a cluster.
 */
record Endpoint(String address, String variable, boolean external) {

    static Endpoint resolve(Map<String, String> env, String variable, String localDefault) {
        String value = env.get(variable);
        return value == null || value.isBlank()
                ? new Endpoint(localDefault, variable, false)
                : new Endpoint(value.trim(), variable, true);
    }

    /** The address for messages, saying where it came from. */
    String describe() {
        return external ? address + " (from " + variable + ")" : address;
    }
}
