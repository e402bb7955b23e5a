package dev.apfa.advice.history;

import java.util.UUID;

/** One row of {@code advice.advice_records}: redacted question and the response as returned, nothing else personal. */
public record AdviceRecord(UUID id, UUID userId, String queryRedacted, String responseJson, String classification,
                           String generator, Integer indexVersion, String traceId) {
}
