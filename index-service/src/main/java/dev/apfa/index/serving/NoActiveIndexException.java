package dev.apfa.index.serving;

public class NoActiveIndexException extends RuntimeException {

    public NoActiveIndexException() {
        super("no index version is active yet");
    }
}
