package dev.apfa.advice.generation;

/** Writes the answer text for a request. */
public interface Generator {

    /** As the response names it: {@code bedrock:<model id>} or {@code local}. */
    String id();

    String generate(GenerationRequest request);
}
