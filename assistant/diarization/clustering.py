"""Cluster window embeddings into speakers, estimating how many there are (1 to 6).

Embeddings are centred on the recording's mean first: what all voices in one room share
(microphone, room, codec) dominates raw resemblyzer similarity, and removing it is what
separates two similar voices. Then average-linkage agglomerative clustering on cosine
distance and a few nearest-centroid passes give a partition for each count k.

The count: the largest k whose clusters all differ from each other by more than chance. For two
clusters a and b, `separation` is the cosine distance between their mean voices (raw embeddings)
over the spread of windows around their own mean, divided by the standard error of that
difference, sqrt(1/n_a + 1/n_b): a t-like statistic. Window counts are capped at
`SEPARATION_WINDOWS`, so a long recording of one voice does not become "significant" only for
being long. Two voices must separate by `TWO_VOICES`, every further voice by `MORE_VOICES`
(a third person is rarer and their clusters are smaller). Thresholds were set on the tuning half
of the speech evaluation (docs/speech.md). With an enrolled practitioner the cluster closest to
their voice profile becomes the practitioner and the profile anchors it.
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage

# A practitioner cluster must be at least this close to the enrolled profile.
PROFILE_MATCH_SIMILARITY = 0.65
MIN_CLUSTER_SHARE = 0.05
MIN_CLUSTER_WINDOWS = 4  # about 2.5 s of speech: less cannot be told from a passing sound
SEPARATION_WINDOWS = 300
TWO_VOICES = 2.8
MORE_VOICES = 3.3


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
    keep = uniq[counts >= max(MIN_CLUSTER_WINDOWS, MIN_CLUSTER_SHARE * len(labels))]
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


def separation(raw: np.ndarray, labels: np.ndarray) -> float:
    """The smallest pairwise separation between clusters (see the module docstring); inf for one cluster."""
    ks = np.unique(labels)
    if len(ks) < 2:
        return float("inf")
    cents = centroids(raw, labels, int(ks.max()) + 1)
    spread = float(np.mean(1.0 - np.sum(raw * cents[labels], axis=1)))
    scale = min(1.0, SEPARATION_WINDOWS / len(labels))
    counts = np.bincount(labels)
    worst = float("inf")
    for i, a in enumerate(ks):
        for b in ks[i + 1 :]:
            error = np.sqrt(1.0 / (counts[a] * scale) + 1.0 / (counts[b] * scale))
            worst = min(worst, (1.0 - float(cents[a] @ cents[b])) / max(spread, 1e-9) / error)
    return worst


def _partition(tree: np.ndarray, vectors: np.ndarray, k: int) -> np.ndarray:
    labels, kk = _relabel_by_size(fcluster(tree, k, criterion="maxclust") - 1, vectors)
    labels = refine(vectors, labels, kk)
    return np.unique(labels, return_inverse=True)[1].astype(int)


def cluster(
    vectors: np.ndarray, num_speakers: int | None = None, min_speakers: int = 1, max_speakers: int = 6
) -> np.ndarray:
    """Speaker label (0..k-1) for every window embedding; k estimated (1..max) unless `num_speakers` is given."""
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=int)
    if n < 4 or num_speakers == 1:
        return np.zeros(n, dtype=int)
    raw = _unit(vectors.astype(np.float64))
    centred = centre(raw)
    tree = linkage(centred, method="average", metric="cosine")
    if num_speakers:
        return _partition(tree, centred, num_speakers)
    best = np.zeros(n, dtype=int)
    for k in range(2, min(max_speakers, n - 1) + 1):
        labels = _partition(tree, centred, k)
        found = int(labels.max()) + 1
        if found < k:
            continue  # tiny clusters folded away: this k adds nothing
        if separation(raw, labels) >= (TWO_VOICES if k == 2 else MORE_VOICES):
            best = labels
        elif k == 2:
            break  # not even two distinct voices
    if int(best.max()) + 1 < min_speakers:
        return _partition(tree, centred, min_speakers)
    return best


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
