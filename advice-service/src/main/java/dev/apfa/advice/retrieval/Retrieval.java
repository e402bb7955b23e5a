package dev.apfa.advice.retrieval;

import java.util.List;

/**
 * The passages for one question, or why there are none. Timings are what the two remote calls took (0 when a
 * call was not made).
 *
 * @param failure null when retrieval worked; else a short reason without any request data
 */
public record Retrieval(Integer indexVersion, List<Passage> passages, String failure, long embedNanos,
                        long retrieveNanos) {

    public boolean available() {
        return failure == null;
    }

    static Retrieval unavailable(String failure, long embedNanos, long retrieveNanos) {
        return new Retrieval(null, List.of(), failure, embedNanos, retrieveNanos);
    }
}
