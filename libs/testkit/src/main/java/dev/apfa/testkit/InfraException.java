package dev.apfa.testkit;

/** Infrastructure could not be started, reached or provisioned; the message says what to do. */
public final class InfraException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InfraException(String message) {
        super(message);
    }

    public InfraException(String message, Throwable cause) {
        super(message, cause);
    }
}
