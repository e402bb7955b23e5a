package dev.apfa.contracts.audit.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How an audited action ended; lower-case on the wire like Elastic Common Schema's
 * {@code event.outcome}. {@code denied} has no ECS equivalent, so it is kept distinct here and the
 * audit sink decides how to map it.
 */
public enum Outcome {
    /** The action did what was asked. */
    @JsonProperty("success") SUCCESS,
    /** The action was allowed but did not succeed (wrong password, error). */
    @JsonProperty("failure") FAILURE,
    /** The caller was not allowed to do it (role, lock, disabled account). */
    @JsonProperty("denied") DENIED
}
