package dev.apfa.audit.elasticsearch;

/** Elasticsearch cannot take writes now; transient, so the batch is retried, never dead-lettered. */
public class ElasticsearchUnavailableException extends RuntimeException {

    public ElasticsearchUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
