"""Automatic layout of a network, in numpy (no graph library needed).

``force``: Fruchterman–Reingold: every pair of nodes repels (k²/d), every link pulls (d²/k),
moves are capped by a temperature that cools linearly; all pairs at once as matrix products
(the Gram matrix gives every squared distance), so 500 nodes and 2,000 links take well under
a second (``benchmarks/network.py``). Unlinked
parts drift apart only as far as a weak pull to the centre allows.
``layered``: the links' direction gives layers (longest path from a source, cycles broken
where a depth-first walk meets them), each layer ordered by the mean place of its
neighbours above (barycentre sweeps), so arrows mostly point down.

Both return one (x, y) per node in scene units, about ``spacing`` apart, the same for the same
input and seed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from fieldkit.core.errors import BadInput

METHODS = ("force", "layered")
SPACING = 160.0


def lay_out(count: int, edges: Sequence[tuple[int, int]], *, method: str = "force",
            seed: int = 0, spacing: float = SPACING, iterations: int = 120) -> np.ndarray:
    """Places for ``count`` nodes linked by ``edges`` (pairs of node indexes) as a
    (count, 2) array of floats."""
    if method not in METHODS:
        raise BadInput(f"A layout is {' or '.join(METHODS)}, not '{method}'.")
    if count == 0:
        return np.zeros((0, 2))
    pairs = np.array([(a, b) for a, b in edges if a != b], dtype=np.int64).reshape(-1, 2)
    if pairs.size and (pairs.min() < 0 or pairs.max() >= count):
        raise ValueError("an edge names a node that is not there")
    if method == "layered":
        return layered(count, pairs, spacing)
    return force(count, pairs, seed=seed, spacing=spacing, iterations=iterations)


def force(count: int, pairs: np.ndarray, *, seed: int = 0, spacing: float = SPACING,
          iterations: int = 120) -> np.ndarray:
    """Fruchterman–Reingold (see the module docstring)."""
    if count == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    k = spacing
    side = k * np.sqrt(count)
    pos = rng.uniform(-side / 2, side / 2, size=(count, 2))
    temperature = side / 10
    cool = temperature / (iterations + 1)
    src, dst = (pairs[:, 0], pairs[:, 1]) if pairs.size else (np.zeros(0, int),) * 2
    gravity = 0.05 * k / side
    for _ in range(iterations):
        move = _repulsion(pos, k)
        if src.size:
            d = pos[src] - pos[dst]
            length = np.sqrt(np.einsum("ij,ij->i", d, d)) + 1e-9
            pull = d * (length / k)[:, None]  # d² / k along the unit vector
            for axis in (0, 1):
                move[:, axis] += np.bincount(dst, pull[:, axis], count) \
                    - np.bincount(src, pull[:, axis], count)
        move -= pos * gravity * np.sqrt(np.einsum("ij,ij->i", pos, pos))[:, None] / k
        size = np.sqrt(np.einsum("ij,ij->i", move, move)) + 1e-9
        pos += move * (np.minimum(size, temperature) / size)[:, None]
        temperature -= cool
    return pos - pos.mean(axis=0)


def _repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    """Σ_j (p_i - p_j) k²/d²_ij for every node i: k²/d along the unit vector from each other
    node. The n × n part in float32 (half the memory traffic; places are whole scene units),
    as p_i Σ_j w_ij - (W p)_i: two matrix-vector products per axis."""
    x, y = pos[:, 0].astype(np.float32), pos[:, 1].astype(np.float32)
    dx, dy = np.subtract.outer(x, x), np.subtract.outer(y, y)
    weight = dx * dx
    weight += dy * dy
    np.maximum(weight, np.float32(1e-2), out=weight)
    np.divide(np.float32(k * k), weight, out=weight)
    np.fill_diagonal(weight, 0.0)
    total = weight.sum(axis=1)
    return np.stack([total * x - weight @ x, total * y - weight @ y], axis=1).astype(np.float64)


def layered(count: int, pairs: np.ndarray, spacing: float = SPACING) -> np.ndarray:
    """Layers by the links' direction, ordered by barycentres (see the module docstring)."""
    outgoing: list[list[int]] = [[] for _ in range(count)]
    for a, b in pairs.tolist():
        outgoing[a].append(b)
    forward = _acyclic(count, outgoing)
    depth = _depths(count, forward)
    layers: dict[int, list[int]] = {}
    for node in range(count):
        layers.setdefault(depth[node], []).append(node)
    incoming: list[list[int]] = [[] for _ in range(count)]
    for a, targets in enumerate(forward):
        for b in targets:
            incoming[b].append(a)
    order = {node: i for row in layers.values() for i, node in enumerate(row)}
    for _ in range(4):  # down, then up, twice: a few sweeps settle most crossings
        for level in sorted(layers)[1:]:
            _sort_by(layers[level], incoming, order)
        for level in sorted(layers, reverse=True)[1:]:
            _sort_by(layers[level], forward, order)
    pos = np.zeros((count, 2))
    for level, row in layers.items():
        for i, node in enumerate(row):
            pos[node] = ((i - (len(row) - 1) / 2) * spacing, level * spacing * 0.75)
    return pos


def _sort_by(row: list[int], neighbours: list[list[int]], order: dict[int, int]) -> None:
    def centre(node: int) -> float:
        near = neighbours[node]
        return sum(order[n] for n in near) / len(near) if near else order[node]

    row.sort(key=lambda n: (centre(n), order[n]))
    for i, node in enumerate(row):
        order[node] = i


def _acyclic(count: int, outgoing: list[list[int]]) -> list[list[int]]:
    """The links without those that close a cycle (found by an iterative depth-first walk)."""
    state = [0] * count  # 0 new, 1 on the walk, 2 done
    kept: list[list[int]] = [[] for _ in range(count)]
    for root in range(count):
        if state[root]:
            continue
        stack = [(root, 0)]
        state[root] = 1
        while stack:
            node, i = stack[-1]
            if i < len(outgoing[node]):
                stack[-1] = (node, i + 1)
                nxt = outgoing[node][i]
                if state[nxt] == 1:
                    continue  # a back edge: it would close a cycle
                kept[node].append(nxt)
                if state[nxt] == 0:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                stack.pop()
    return kept


def _depths(count: int, forward: list[list[int]]) -> list[int]:
    """Longest path from a source, for every node of an acyclic graph (Kahn's order)."""
    indegree = [0] * count
    for targets in forward:
        for b in targets:
            indegree[b] += 1
    ready = [n for n in range(count) if indegree[n] == 0]
    depth = [0] * count
    while ready:
        node = ready.pop()
        for b in forward[node]:
            depth[b] = max(depth[b], depth[node] + 1)
            indegree[b] -= 1
            if indegree[b] == 0:
                ready.append(b)
    return depth
