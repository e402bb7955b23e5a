// Helpers for the APFA JavaCPP binding of FAISS. Debian's libfaiss-dev ships no C API symbols,
// so the Java peers map the C++ classes directly; these few functions cover what a peer class
// cannot express: creating indexes that own their quantizer, delete through the base class,
// checked downcasts, and OpenMP thread control per calling thread.
#pragma once

#include <stdexcept>
#include <omp.h>
#include <faiss/Index.h>
#include <faiss/IndexFlat.h>
#include <faiss/IndexIVF.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/IndexIDMap.h>
#include <faiss/index_io.h>

namespace apfa {

// A flat index keeps vectors by position only; the id map in front of it gives add_with_ids.
// The map owns the flat index, so one delete_index releases both.
inline faiss::Index* new_flat_ip(int d) {
    faiss::IndexIDMap* map = new faiss::IndexIDMap(new faiss::IndexFlatIP(d));
    map->own_fields = true;
    return map;
}

// The IVF index owns its flat quantizer, so one delete_index releases both.
inline faiss::Index* new_ivf_flat_ip(int d, long nlist) {
    faiss::IndexFlatIP* quantizer = new faiss::IndexFlatIP(d);
    faiss::IndexIVFFlat* index = new faiss::IndexIVFFlat(quantizer, d, (size_t) nlist, faiss::METRIC_INNER_PRODUCT);
    index->own_fields = true;
    return index;
}

inline void delete_index(faiss::Index* index) {
    delete index;
}

// Returns 0 for flat inner-product behind an id map, 1 for IVF flat, -1 for anything else.
inline int kind_of(const faiss::Index* index) {
    if (dynamic_cast<const faiss::IndexIVFFlat*>(index) != nullptr) return 1;
    const faiss::IndexIDMap* map = dynamic_cast<const faiss::IndexIDMap*>(index);
    if (map != nullptr && dynamic_cast<const faiss::IndexFlatIP*>(map->index) != nullptr) return 0;
    return -1;
}

inline faiss::IndexIVF* as_ivf(faiss::Index* index) {
    faiss::IndexIVF* ivf = dynamic_cast<faiss::IndexIVF*>(index);
    if (ivf == nullptr) throw std::invalid_argument("not an IVF index");
    return ivf;
}

inline long nlist_of(faiss::Index* index) {
    return (long) as_ivf(index)->nlist;
}

inline long default_nprobe_of(faiss::Index* index) {
    return (long) as_ivf(index)->nprobe;
}

inline int metric_of(const faiss::Index* index) {
    return (int) index->metric_type;
}

// omp_set_num_threads changes the calling thread's setting only: a request thread that searches
// one query runs single-threaded without touching the batch threads.
inline void set_omp_threads(int n) {
    omp_set_num_threads(n);
}

inline int max_omp_threads() {
    return omp_get_max_threads();
}

}  // namespace apfa
