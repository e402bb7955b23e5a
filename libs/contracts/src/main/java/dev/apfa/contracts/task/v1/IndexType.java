package dev.apfa.contracts.task.v1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The FAISS index classes index-service builds; the wire value is the FAISS class name. */
public enum IndexType {
    @JsonProperty("IndexFlatIP") FLAT_IP,
    @JsonProperty("IndexIVFFlat") IVF_FLAT
}
