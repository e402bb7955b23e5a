#!/usr/bin/env python3
"""python3-faiss (Debian) side of the benchmark: the same data, queries, index structure
(IndexIDMap over IndexFlatIP; IndexIVFFlat with ids), training sample and thread settings as
FaissBench.java. Prints key=value lines."""
import argparse
import time

import faiss
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("--vectors", required=True)
p.add_argument("--d", type=int, default=384)
p.add_argument("--queries", type=int, default=1000)
p.add_argument("--single", type=int, default=200)
p.add_argument("--nlist", type=int, required=True)
p.add_argument("--train-per-list", type=int, default=64)
a = p.parse_args()

data = np.fromfile(a.vectors, dtype="<f4").reshape(-1, a.d)
n = data.shape[0] - a.queries
base, queries = np.ascontiguousarray(data[:n]), np.ascontiguousarray(data[n:])
ids = np.arange(n, dtype=np.int64)
k = 10
threads = faiss.omp_get_max_threads()


def out(key, value):
    print(f"{key}={value}", flush=True)


def single(index, nprobe=None):
    faiss.omp_set_num_threads(1)
    if nprobe:
        index.nprobe = nprobe
    lat = []
    cpu = 0.0
    for i in range(a.single):
        c = time.thread_time()
        t = time.perf_counter()
        index.search(queries[i:i + 1], k)
        lat.append(time.perf_counter() - t)
        cpu += time.thread_time() - c
    faiss.omp_set_num_threads(threads)
    lat = np.sort(np.array(lat) * 1000)
    # same p99 rule as FaissBench.java: the ceil(0.99 n)-th smallest
    return lat.mean(), lat[min(len(lat) - 1, int(np.ceil(0.99 * len(lat))) - 1)], cpu * 1000 / a.single


t = time.perf_counter()
flat = faiss.IndexIDMap(faiss.IndexFlatIP(a.d))
flat.add_with_ids(base, ids)
out("flat.build_s", time.perf_counter() - t)
t = time.perf_counter()
c = time.process_time()
_, truth = flat.search(queries, k)
out("flat.batch_ms", (time.perf_counter() - t) * 1000)
out("flat.batch_cpu_ms", (time.process_time() - c) * 1000)
mean, p99, cpu = single(flat)
out("flat.single_mean_ms", mean)
out("flat.single_p99_ms", p99)
out("flat.single_cpu_mean_ms", cpu)

t = time.perf_counter()
ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(a.d), a.d, a.nlist, faiss.METRIC_INNER_PRODUCT)
ntrain = min(n, a.nlist * a.train_per_list)
ivf.train(base[:ntrain])
ivf.add_with_ids(base, ids)
out("ivf.build_s", time.perf_counter() - t)
for nprobe in (8, 16, 32, 64):
    ivf.nprobe = nprobe
    _, found = ivf.search(queries, k)
    hits = sum(len(set(truth[q]) & set(found[q])) for q in range(a.queries))
    out(f"ivf.recall10_nprobe{nprobe}", hits / (a.queries * k))
ivf.nprobe = 32
t = time.perf_counter()
c = time.process_time()
ivf.search(queries, k)
out("ivf.batch_ms", (time.perf_counter() - t) * 1000)
out("ivf.batch_cpu_ms", (time.process_time() - c) * 1000)
mean, p99, cpu = single(ivf, 32)
out("ivf.single_mean_ms", mean)
out("ivf.single_p99_ms", p99)
out("ivf.single_cpu_mean_ms", cpu)
