"""Network layout benchmark: 500 nodes and 2,000 links laid out (target ≤ 1 s), beside
networkx's ``spring_layout`` (the baseline a competent engineer reaches for) when networkx is
installed, with the same quality figures for both.

    .venv/bin/python benchmarks/network.py [--nodes N] [--links M] [--repeat R] [--json] [--quick]

Measured: ``fieldkit.analysis.network_layout`` alone (force and layered), and the whole
``project.networks.layout`` call on a project whose network holds that many codes and links
between codes (reading the network, laying it out, writing every node's place as one undo
step). The graph: clusters of codes, most links inside a cluster, some across (a codebook's
themes), seeded so every run is the same.

Wall time is printed with this process's processor time (a machine shared with other work
inflates the first, not the second; numpy's BLAS may use a second core, counted in the second).

Quality (printed for fieldkit and networkx alike, after scaling both to the same mean link
length): ``overlaps`` is the number of node pairs closer than a third of the mean link length
(boxes drawn on top of each other), ``link_ratio`` the mean link length over the mean
distance of all pairs (lower: linked nodes sit closer together than the rest). The exit code
is 1 when a layout leaves a node unplaced (not finite) or two nodes on one spot.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import percentiles, timed  # noqa: E402

from fieldkit.analysis.network_layout import lay_out  # noqa: E402
from fieldkit.project import Project  # noqa: E402


def graph(nodes: int, links: int, seed: int = 7) -> list[tuple[int, int]]:
    """Clusters of about 25 nodes; 80 % of the links inside a cluster, no pair twice."""
    rng = np.random.default_rng(seed)
    cluster = np.arange(nodes) // 25
    seen: set[tuple[int, int]] = set()
    while len(seen) < links:
        a = int(rng.integers(nodes))
        if rng.random() < 0.8:
            members = np.flatnonzero(cluster == cluster[a])
            b = int(rng.choice(members))
        else:
            b = int(rng.integers(nodes))
        if a != b and (a, b) not in seen and (b, a) not in seen:
            seen.add((a, b))
    return sorted(seen)


def quality(pos: np.ndarray, edges: list[tuple[int, int]]) -> dict[str, Any]:
    src, dst = np.array(edges).T
    length = np.linalg.norm(pos[src] - pos[dst], axis=1).mean()
    pos = pos / length  # mean link length 1
    delta = pos[:, None, :] - pos[None, :, :]
    dist = np.sqrt((delta ** 2).sum(-1))
    upper = dist[np.triu_indices(len(pos), 1)]
    return {"finite": bool(np.isfinite(pos).all()), "apart": bool(upper.min() > 1e-6),
            "overlaps": int((upper < 1 / 3).sum()),
            "link_ratio": round(float(1 / upper.mean()), 4)}


def networkx_layout(nodes: int, edges: list[tuple[int, int]]) -> np.ndarray | None:
    try:
        import networkx as nx
    except ImportError:
        return None
    g = nx.Graph()
    g.add_nodes_from(range(nodes))
    g.add_edges_from(edges)
    found = nx.spring_layout(g, seed=0)
    return np.array([found[i] for i in range(nodes)])


def through_the_project(nodes: int, edges: list[tuple[int, int]],
                        repeat: int) -> tuple[list[float], int]:
    """``project.networks.layout`` on a network of ``nodes`` codes and ``edges`` links."""
    with tempfile.TemporaryDirectory() as folder:
        with Project.create(Path(folder) / "Bench.fieldkit") as p:
            with p.action("Codes"):
                codes = [p.add_code(f"Thema {i // 25}/Code {i}").id for i in range(nodes)]
            name = p.networks.add("Alles").name
            p.networks.add_nodes(name, [f"code:{c}" for c in codes])
            with p.action("Links"):
                for a, b in edges:
                    p.networks.link(name, f"code:{codes[a]}", "is associated with",
                                    f"code:{codes[b]}")
            view = p.networks.show(name)
            assert (len(view.nodes), len(view.links)) == (nodes, len(edges))
            samples = timed(lambda: p.networks.layout(name), repeat)
            return samples, len(p.networks.show(name).links)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=500)
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quick", action="store_true", help="100 nodes, 300 links, 2 repeats")
    args = parser.parse_args()
    if args.quick:
        args.nodes, args.links, args.repeat = 100, 300, 2
    edges = graph(args.nodes, args.links)
    figures: dict[str, Any] = {"nodes": args.nodes, "links": len(edges)}
    ok = True
    for method in ("force", "layered"):
        placed: list[np.ndarray] = []
        cpu = time.process_time()
        samples = timed(lambda m=method, out=placed: out.append(
            lay_out(args.nodes, edges, method=m)), args.repeat)
        cpu_ms = round((time.process_time() - cpu) * 1000 / args.repeat, 1)
        figures[method] = {**percentiles(samples), "cpu_ms_mean": cpu_ms,
                           **quality(placed[-1], edges)}
        ok &= figures[method]["finite"] and figures[method]["apart"]
    baseline: list[np.ndarray | None] = []
    samples = timed(lambda: baseline.append(networkx_layout(args.nodes, edges)), args.repeat)
    if baseline[-1] is not None:
        figures["networkx_spring"] = {**percentiles(samples), **quality(baseline[-1], edges)}
    else:
        figures["networkx_spring"] = "networkx is not installed"
    started = time.perf_counter()
    project_samples, shown = through_the_project(args.nodes, edges, args.repeat)
    figures["project_layout"] = {**percentiles(project_samples), "links_shown": shown,
                                 "setup_s": round(time.perf_counter() - started, 2)}
    ok &= shown == len(edges)
    figures["ok"] = bool(ok)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
