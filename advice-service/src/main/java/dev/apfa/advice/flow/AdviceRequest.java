package dev.apfa.advice.flow;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/advice}. The query is trimmed before it is checked, so the limits are on what is
 * actually asked (1..2000 characters).
 */
public record AdviceRequest(
        @NotBlank(message = "must not be blank") @Size(max = AdviceRequest.MAX_QUERY, message = "must be at most 2000 characters")
        String query,
        @Valid ProfileInput profile) {

    public static final int MAX_QUERY = 2000;

    public AdviceRequest {
        query = query == null ? null : query.strip();
    }
}
