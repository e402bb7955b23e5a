package dev.apfa.index.query;

/** embedding-service could not embed a query now (down, slow, saturated or refusing): a 503 to the caller. */
public class EmbeddingUnavailableException extends RuntimeException {

    public EmbeddingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
