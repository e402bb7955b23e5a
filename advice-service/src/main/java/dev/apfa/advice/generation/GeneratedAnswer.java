package dev.apfa.advice.generation;

/** An answer and the generator that wrote it ({@code bedrock:<model id>} or {@code local}). */
public record GeneratedAnswer(String text, String generator) {
}
