package dev.apfa.index.serving;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The outcome of an activation, as the admin API returns it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Activation(String indexName, int version, Integer previousVersion, boolean rollback) {
}
