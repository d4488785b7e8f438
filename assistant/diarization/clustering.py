"""Cluster window embeddings into speakers, estimating how many there are (1 to 6).

Embeddings are centred on the recording's mean first: what all voices in one room share
(microphone, room, codec) dominates raw resemblyzer similarity, and removing it is what
separates two similar voices. Then average-linkage agglomerative clustering on cosine
distance and a few nearest-centroid passes give a partition for each count k.

The count: start from the finest partition (up to `max_speakers` clusters) and merge, one pair at a
time, clusters that are not two different voices, until every pair is. Two tests, on each pair:

* `separation`: the cosine distance between their mean voices (raw embeddings) over the spread of
  windows around their own mean, divided by the standard error of that difference,
  sqrt(1/n_a + 1/n_b): a t-like statistic. Window counts are capped at `SEPARATION_WINDOWS`, so a
  long recording of one voice does not become "significant" only for being long. Two voices must
  separate by `TWO_VOICES`, every further voice by `MORE_VOICES`.
* `interleaving`: how often the label changes between the two clusters from one window to the next
  (one hop apart), per window of the smaller cluster. A person talks in turns, so their windows come in runs; a cluster
  that is one voice cut in two along what is being said (or windows that straddle the change
  between two speakers) flips back and forth with its sibling inside a turn. On the synthetic tuning
  recordings splits of one voice interleave 0.41-0.67 and pairs of real voices 0.05-0.39
  (docs/speech.md, "Count, third pass"); above `INTERLEAVED_TWO` (two clusters) or
  `INTERLEAVED_MORE` (more) the pair is one voice. From three clusters up the bar is lower (seventh
  pass): on five-minute two-voice tuning visits a voice split in two interleaved 0.38-0.46 and
  still separated by 3.6-3.9, while on the tuned three-voice recordings two clusters that are each
  mostly (75% or more) a different voice interleave at most 0.24 (docs/speech.md, "Count, seventh pass").

The failing pair with the smallest separation is merged first, then nearest-centroid passes
settle the rest.

Then minorities (eighth pass): where one person does nearly all the talking, someone who says a few
words has too few windows for a cluster of their own and is folded into the main voice. The tree cut
finer (`FINE_CLUSTERS`) often holds their windows together; a group of at least `MINORITY_WINDOWS`,
under half of the cluster it sits in, whose mean voice lies outside every cluster (distance between
the means over that cluster's spread, times sqrt(group size): `MINORITY_DISTINCT`) becomes a speaker,
and the other clusters are merged again without its windows (they may have kept two pieces of the
main voice apart). On the tuning recordings of one dominant voice with short interjections
(speaker_corpus s18-s20) such groups score 5.6-7.0; groups of windows of one voice at most 3.8 on
every tuning recording (AMI trn00, trn04; 2.0-3.6 on the synthetic ones and the one-voice recordings).
Real voices spread more than espeak-ng ones, so a real interjection scores lower (ninth pass): on a
recording spliced from the tuned AMI excerpts (`evaluation.datasets.splice`), one man's 6 s in two turns
inside 29 s of another's scores 4.3, against at most 4.14 for any other group on the tuning recordings,
hence 4.2 (was 4.5, chosen on the synthetic ones).

Thresholds were set on the tuning halves of the speech evaluation (docs/speech.md). With an enrolled
practitioner the cluster closest to their voice profile becomes the practitioner and the profile
anchors it.
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
INTERLEAVED_TWO = 0.45
INTERLEAVED_MORE = 0.35
ADJACENT_S = 0.55  # windows this close in start time are neighbours (the diarizer's hop is 0.5 s)
FINE_CLUSTERS = 12
MINORITY_WINDOWS = 3
MINORITY_DISTINCT = 4.2  # 4.5 before the ninth pass


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


def separations(raw: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Pairwise separation of clusters 0..k-1 (see the module docstring); inf on the diagonal."""
    k = int(labels.max()) + 1
    cents = centroids(raw, labels, k)
    spread = max(float(np.mean(1.0 - np.sum(raw * cents[labels], axis=1))), 1e-9)
    scale = min(1.0, SEPARATION_WINDOWS / len(labels))
    counts = np.maximum(np.bincount(labels, minlength=k) * scale, 1e-9)
    error = np.sqrt(1.0 / counts[:, None] + 1.0 / counts[None, :])
    out = (1.0 - cents @ cents.T) / spread / error
    np.fill_diagonal(out, np.inf)
    return out


def separation(raw: np.ndarray, labels: np.ndarray) -> float:
    """The smallest pairwise separation between clusters; inf for one cluster."""
    if len(np.unique(labels)) < 2:
        return float("inf")
    labels = np.unique(labels, return_inverse=True)[1]
    return float(separations(raw, labels).min())


def interleaving(labels: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Pairwise changes between two clusters from one window to the next, per window of the smaller one.

    Neighbours are consecutive windows of one stretch of speech (start times `ADJACENT_S` apart at most);
    0 on the diagonal.
    """
    k = int(labels.max()) + 1
    order = np.argsort(starts, kind="stable")
    lab, st = labels[order], starts[order]
    near = np.diff(st) <= ADJACENT_S
    flips = np.zeros((k, k))
    np.add.at(flips, (lab[:-1][near], lab[1:][near]), 1.0)
    flips = flips + flips.T
    np.fill_diagonal(flips, 0.0)
    counts = np.bincount(labels, minlength=k).astype(float)
    return flips / np.maximum(np.minimum(counts[:, None], counts[None, :]), 1.0)


def _merge_until_distinct(
    raw: np.ndarray, centred: np.ndarray, labels: np.ndarray, starts: np.ndarray | None
) -> np.ndarray:
    """Merge the least separated failing pair until every pair passes both tests (module docstring)."""
    while (k := int(labels.max()) + 1) > 1:
        sep = separations(raw, labels)
        failing = sep < (TWO_VOICES if k == 2 else MORE_VOICES)
        if starts is not None:
            failing |= interleaving(labels, starts) > (INTERLEAVED_TWO if k == 2 else INTERLEAVED_MORE)
        np.fill_diagonal(failing, False)
        if not failing.any():
            break
        a, b = np.unravel_index(np.argmin(np.where(failing, sep, np.inf)), sep.shape)
        merged = np.unique(np.where(labels == max(a, b), min(a, b), labels), return_inverse=True)[1]
        labels = np.unique(refine(centred, merged, k - 1), return_inverse=True)[1].astype(int)
    return labels


def _minority_score(raw: np.ndarray, labels: np.ndarray, members: np.ndarray) -> float:
    """How far the mean voice of `members` lies outside every cluster of `labels` (their own windows left out).

    For each cluster: the cosine distance from its mean to the members' mean, over the spread of its windows
    round its mean, times sqrt(number of members) (capped like the separation); the smallest over clusters.
    """
    n = min(int(members.sum()), SEPARATION_WINDOWS)
    mean = _unit(raw[members].mean(axis=0))
    worst = float("inf")
    for c in range(int(labels.max()) + 1):
        rest = (labels == c) & ~members
        if rest.sum() < 2:
            continue
        cent = _unit(raw[rest].mean(axis=0))
        spread = max(float(np.mean(1.0 - raw[rest] @ cent)), 1e-9)
        worst = min(worst, float(1.0 - mean @ cent) / spread * np.sqrt(n))
    return worst


def _minorities(raw: np.ndarray, tree: np.ndarray, labels: np.ndarray, max_speakers: int) -> list[np.ndarray]:
    """Small groups of windows whose mean voice lies well outside every cluster: each a speaker of its own.

    A person who says a few words while another does nearly all the talking has too few windows to
    separate as a cluster of their own (module docstring), so their windows are folded into the main voice.
    The tree cut finer (`FINE_CLUSTERS`) often holds them together; such a group, a minority of the
    cluster it sits in, whose mean lies outside every cluster's spread (`_minority_score` above
    `MINORITY_DISTINCT`), is taken out as a new speaker, one at a time, largest score first.
    """
    fine = fcluster(tree, min(FINE_CLUSTERS, len(labels) - 1), criterion="maxclust") - 1
    found: list[np.ndarray] = []
    while (k := int(labels.max()) + 1) < max_speakers:
        best, best_score = None, MINORITY_DISTINCT
        for c in np.unique(fine):
            members = fine == c
            host = int(np.argmax(np.bincount(labels[members], minlength=k)))
            if members.sum() < MINORITY_WINDOWS or 2 * members.sum() >= int(np.sum(labels == host)):
                continue
            score = _minority_score(raw, labels, members)
            if score > best_score:
                best, best_score = members, score
        if best is None:
            break
        found.append(best)
        labels = np.where(best, k, labels)
    return found


def _partition(tree: np.ndarray, vectors: np.ndarray, k: int) -> np.ndarray:
    labels, kk = _relabel_by_size(fcluster(tree, k, criterion="maxclust") - 1, vectors)
    labels = refine(vectors, labels, kk)
    return np.unique(labels, return_inverse=True)[1].astype(int)


def cluster(
    vectors: np.ndarray,
    num_speakers: int | None = None,
    min_speakers: int = 1,
    max_speakers: int = 6,
    starts: np.ndarray | None = None,
) -> np.ndarray:
    """Speaker label (0..k-1) for every window embedding; k estimated (1..max) unless `num_speakers` is given.

    `starts` (each window's start time, s) lets the count use the interleaving test; without it
    only the separation is used.
    """
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
    times = None if starts is None else np.asarray(starts, dtype=float)
    finest = _partition(tree, centred, min(max_speakers, n - 1))
    best = _merge_until_distinct(raw, centred, finest, times)
    minorities = _minorities(raw, tree, best, max_speakers)
    if minorities:
        # Without the minorities' windows, which blurred them, the other clusters may prove to be one voice.
        rest = ~np.any(minorities, axis=0)
        sub = np.unique(best[rest], return_inverse=True)[1].astype(int)
        settled = _merge_until_distinct(raw[rest], centred[rest], sub, None if times is None else times[rest])
        k = int(settled.max()) + 1
        best = np.zeros(n, dtype=int)
        best[rest] = settled
        for i, members in enumerate(minorities):
            best[members] = k + i
    if int(best.max()) + 1 < min_speakers:
        return _partition(tree, centred, min_speakers)
    return best


def assign_with_profile(
    vectors: np.ndarray, profile: np.ndarray, num_speakers: int | None = None, starts: np.ndarray | None = None
) -> tuple[np.ndarray, int | None]:
    """Labels with the practitioner anchored to the enrolled `profile`; returns (labels, practitioner)."""
    labels = cluster(vectors, num_speakers, starts=starts)
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
