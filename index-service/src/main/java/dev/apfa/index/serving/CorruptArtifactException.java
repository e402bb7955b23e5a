package dev.apfa.index.serving;

/** An artifact file does not match the sha256 of its manifest; the version is never loaded. */
public class CorruptArtifactException extends RuntimeException {

    public CorruptArtifactException(String message) {
        super(message);
    }
}
