"""Exact and near duplicates (syndicated copies): content hashes plus MinHash LSH (datasketch)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

from detente.extract.fields import normalise_text

# Stored signatures are only comparable with ones made by the same hashing scheme.
SCHEME = "affine32"
CANDIDATE_FACTOR = 0.7


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:32]


class DuplicateIndex:
    """Remembers every stored article's content hash and MinHash, and finds the original of a copy."""

    def __init__(self, *, threshold: float, num_perm: int, shingle: int) -> None:
        self.num_perm = num_perm
        self.shingle = shingle
        self.threshold = threshold
        self._exact: dict[str, str] = {}
        self._signatures: dict[str, MinHash] = {}
        # LSH banding misses pairs close to its threshold, so candidates come from a looser index and
        # are then confirmed on the estimated Jaccard similarity.
        self._lsh = MinHashLSH(threshold=threshold * CANDIDATE_FACTOR, num_perm=num_perm)

    def signature(self, text: str) -> MinHash:
        words = normalise_text(text).split()
        n = self.shingle
        shingles = {" ".join(words[i : i + n]).encode() for i in range(max(1, len(words) - n + 1))}
        minhash = MinHash(num_perm=self.num_perm, scheme=SCHEME)
        minhash.update_batch(list(shingles))
        return minhash

    def find(self, digest: str, minhash: MinHash) -> str | None:
        """Id of an earlier article this one duplicates, exact matches first."""
        if digest in self._exact:
            return self._exact[digest]
        scored = [(minhash.jaccard(self._signatures[c]), c) for c in self._lsh.query(minhash)]
        confirmed = sorted((-score, c) for score, c in scored if score >= self.threshold)
        return confirmed[0][1] if confirmed else None

    def add(self, article_id: str, digest: str, minhash: MinHash) -> None:
        self._exact.setdefault(digest, article_id)
        if article_id not in self._signatures:
            self._signatures[article_id] = minhash
            self._lsh.insert(article_id, minhash)

    def load(self, rows: Iterable[tuple[str, str, list[int] | None]]) -> None:
        """Fill from stored ``(id, content_hash, minhash values)`` rows."""
        for article_id, digest, values in rows:
            if values is None or len(values) != self.num_perm:
                continue
            minhash = MinHash(num_perm=self.num_perm, hashvalues=np.asarray(values, dtype=np.uint64), scheme=SCHEME)
            self.add(article_id, digest, minhash)
