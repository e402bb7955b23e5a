package dev.apfa.faiss;

/** The FAISS index classes this binding builds and reads; both use inner product (cosine on normalised vectors). */
public enum IndexKind {
    /** {@code faiss::IndexFlatIP} behind an {@code IndexIDMap} (which gives it add-with-ids): exact search. */
    FLAT_IP,
    /** {@code faiss::IndexIVFFlat} over a flat inner-product quantizer: approximate, needs training. */
    IVF_FLAT
}
