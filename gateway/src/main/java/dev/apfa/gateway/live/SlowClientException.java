package dev.apfa.gateway.live;

/** A client let more than its buffer of messages pile up; it is disconnected and should reconnect. */
public class SlowClientException extends RuntimeException {

    SlowClientException(int buffer) {
        super("more than " + buffer + " messages waiting", null, false, false);
    }
}
