package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code apfa.task.index.activated}: {@code version} is now the one every index-service instance
 * serves. Instances load it on this event. Schema {@code schemas/index-activated.v1.json};
 * key: {@code index_name}, so activations of one index are applied in order.
 *
 * @param previousVersion the version active before; absent for the first activation
 * @param rollback        true when {@code version} is older than {@code previous_version}; the
 *                        schema then requires {@code previous_version}
 * @param activatedBy     user id of the admin, or {@code index-service} for an automatic activation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndexActivated(
        @JsonProperty("index_name") String indexName,
        @JsonProperty("version") int version,
        @JsonProperty("previous_version") Integer previousVersion,
        @JsonProperty("rollback") boolean rollback,
        @JsonProperty("activated_by") String activatedBy) {
}
