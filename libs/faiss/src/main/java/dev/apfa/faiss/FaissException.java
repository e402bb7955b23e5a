package dev.apfa.faiss;

/** A failure inside FAISS (a C++ exception) or of the index file, after Java-side checks passed. */
public class FaissException extends RuntimeException {

    public FaissException(String message) {
        super(message);
    }

    public FaissException(String message, Throwable cause) {
        super(message, cause);
    }
}
