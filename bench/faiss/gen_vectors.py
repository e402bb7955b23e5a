#!/usr/bin/env python3
"""Writes generated unit vectors as raw little-endian float32 (n x d), clustered like text
embeddings are (a mixture around random centres), so IVF recall is not the pessimistic figure of
uniform noise. Real MiniLM embeddings go through the same file format (see README.md)."""
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("--n", type=int, required=True)
parser.add_argument("--d", type=int, default=384)
parser.add_argument("--clusters", type=int, default=1000)
parser.add_argument("--spread", type=float, default=1.8,
                    help="noise norm relative to the centre; 1.8 keeps IVF recall below 1, as with real text")
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--out", required=True)
args = parser.parse_args()

rng = np.random.default_rng(args.seed)
centres = rng.standard_normal((args.clusters, args.d), dtype=np.float32)
centres /= np.linalg.norm(centres, axis=1, keepdims=True)
with open(args.out, "wb") as out:
    for start in range(0, args.n, 100_000):
        m = min(100_000, args.n - start)
        noise = rng.standard_normal((m, args.d), dtype=np.float32) * (args.spread / np.sqrt(args.d))
        x = centres[rng.integers(0, args.clusters, m)] + noise
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        x.astype("<f4").tofile(out)
