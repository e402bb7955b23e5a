package dev.apfa.advice.loan;

/** A profile whose numbers cannot describe a loan (e.g. a down payment above the price); the API answers 400. */
public class InvalidProfileException extends RuntimeException {

    public InvalidProfileException(String message) {
        super(message);
    }
}
