package dev.apfa.messaging;

/**
 * A record that can never be processed, whatever the number of retries: malformed JSON, an event
 * that breaks its schema, an unknown type. The error handler sends it straight to the topic's DLT.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
