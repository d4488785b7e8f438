"""Cluster window embeddings into speakers, estimating how many there are (typically 2-4).

Embeddings are centred on the recording's mean first: what all voices in one room share
(microphone, room, codec) dominates raw resemblyzer similarity, and removing it is what
separates two similar voices. Then average-linkage agglomerative clustering on cosine
distance, the count chosen by silhouette, and a few nearest-centroid passes. With an enrolled practitioner the
cluster closest to their voice profile becomes the practitioner and the profile anchors it.
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

# A practitioner cluster must be at least this close to the enrolled profile.
PROFILE_MATCH_SIMILARITY = 0.65
MIN_CLUSTER_SHARE = 0.05


def _unit(x: np.ndarray) -> np.ndarray:
    return x / np.maximum(np.linalg.norm(x, axis=-1, keepdims=True), 1e-9)


def centroids(vectors: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """Unit-length mean embedding of each label 0..k-1 (zeros for an empty label)."""
    out = np.zeros((k, vectors.shape[1]), dtype=np.float32)
    for c in range(k):
        if np.any(labels == c):
            out[c] = vectors[labels == c].mean(axis=0)
    return _unit(out)


def silhouette(vectors: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette with cosine distance (higher: better separated clusters)."""
    ks = np.unique(labels)
    if len(ks) < 2:
        return -1.0
    dist = 1.0 - vectors @ vectors.T
    scores = np.zeros(len(labels))
    for i, lab in enumerate(labels):
        same = labels == lab
        n_same = same.sum() - 1
        a = dist[i, same].sum() / n_same if n_same else 0.0
        b = min(dist[i, labels == o].mean() for o in ks if o != lab)
        scores[i] = 0.0 if n_same == 0 else (b - a) / max(a, b, 1e-9)
    return float(scores.mean())


def centre(vectors: np.ndarray) -> np.ndarray:
    """Subtract the recording's mean embedding and re-normalise."""
    return _unit(vectors - vectors.mean(axis=0))


def _relabel_by_size(labels: np.ndarray, vectors: np.ndarray) -> tuple[np.ndarray, int]:
    """Fold tiny clusters into their nearest neighbour, then number clusters 0..k-1."""
    uniq, counts = np.unique(labels, return_counts=True)
    keep = uniq[counts >= max(2, MIN_CLUSTER_SHARE * len(labels))]
    if len(keep) == 0:
        keep = uniq[[int(np.argmax(counts))]]
    cents = _unit(np.stack([vectors[labels == u].mean(axis=0) for u in keep]))
    nearest = np.argmax(vectors @ cents.T, axis=1)
    new = np.where(np.isin(labels, keep), np.searchsorted(keep, labels), nearest)
    return new.astype(int), len(keep)


def refine(vectors: np.ndarray, labels: np.ndarray, k: int, iterations: int = 3) -> np.ndarray:
    """A few nearest-centroid passes (k-means on the sphere), starting from `labels`."""
    for _ in range(iterations):
        new = np.argmax(vectors @ centroids(vectors, labels, k).T, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
    return labels


def cluster(
    vectors: np.ndarray, num_speakers: int | None = None, min_speakers: int = 2, max_speakers: int = 4
) -> np.ndarray:
    """Speaker label (0..k-1) for every window embedding; k estimated unless `num_speakers` is given.

    A visit has at least two people, so k starts at 2: resemblyzer cannot tell one voice from two
    similar ones without a reference, so a one-voice recording is caught by the voice profile or
    by the speaking-time check instead.
    """
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=int)
    if n < 4 or num_speakers == 1:
        return np.zeros(n, dtype=int)
    vectors = centre(_unit(vectors.astype(np.float64)))
    tree = linkage(vectors, method="average", metric="cosine")
    if num_speakers:
        labels, k = _relabel_by_size(fcluster(tree, num_speakers, criterion="maxclust") - 1, vectors)
        return refine(vectors, labels, k)
    best: tuple[float, np.ndarray, int] | None = None
    for k in range(max(2, min_speakers), min(max_speakers, n - 1) + 1):
        labels, kk = _relabel_by_size(fcluster(tree, k, criterion="maxclust") - 1, vectors)
        labels = refine(vectors, labels, kk)
        score = silhouette(vectors, labels)
        if best is None or score > best[0] + 0.02:
            best = (score, labels, kk)
    if best is None:
        return np.zeros(n, dtype=int)
    return best[1]


def assign_with_profile(
    vectors: np.ndarray, profile: np.ndarray, num_speakers: int | None = None
) -> tuple[np.ndarray, int | None]:
    """Labels with the practitioner anchored to the enrolled `profile`; returns (labels, practitioner)."""
    labels = cluster(vectors, num_speakers)
    if len(labels) == 0:
        return labels, None
    raw = _unit(vectors.astype(np.float64))
    profile = _unit(profile.astype(np.float64))
    k = int(labels.max()) + 1
    sims = centroids(raw, labels, k) @ profile
    prac = int(np.argmax(sims))
    if sims[prac] < PROFILE_MATCH_SIMILARITY:
        return labels, None
    if k == 1:
        return labels, 0
    mean = raw.mean(axis=0)
    vectors = _unit(raw - mean)
    anchor = _unit(profile - mean)
    for _ in range(3):
        cents = centroids(vectors, labels, k)
        # The anchor mixes the enrolled voice with how it sounds in this room.
        cents[prac] = _unit(anchor + cents[prac])
        new = np.argmax(vectors @ cents.T, axis=1)
        if np.array_equal(new, labels):
            break
        labels = new
    return labels, prac
