package dev.apfa.contracts;

import java.util.List;

/**
 * An event that does not satisfy its contract. Not worth retrying: consumers send the record to
 * {@code <topic>.DLT} with {@link #getMessage()} as the reason.
 */
public class InvalidEventException extends IllegalArgumentException {

    private final transient List<String> errors;

    public InvalidEventException(List<String> errors) {
        super("invalid event: " + String.join("; ", errors));
        this.errors = List.copyOf(errors);
    }

    /** One line per problem, each naming the JSON pointer it is about. */
    public List<String> errors() {
        return errors;
    }
}
