"""The team server on PostgreSQL, measured on a local throw-away server (issue 17).

Figures (targets from DESIGN.md and issue 17), each beside a baseline from the same run doing the
same work with the same result (parity printed):

1. Publish of the large demo (10,000 documents) ≤ 60 s: snapshot size and media bytes sent; the
   join of it by other members (each join downloads the snapshot and syncs).
2. Sync of 10,000 change sets ≤ 5 s: one replica makes 10,000 small changes (a coder's mix:
   codings, coding memos, code memos, new codes, new memos) and pushes; another replica's one
   ``sync()`` pulls and applies them all. Baseline, on a third replica at the same position: the
   same change sets fetched with one query and applied in one SQLite transaction with the same
   applier (the least work that gives the same result; ``sync()`` also reconciles the
   replica's own unsent work, fetches media and pushes); parity = equal canonical dumps. Then
   the round-trip argument, measured on a simulated network (``netdelay.DelayProxy``: a local
   TCP proxy adding 30 ms to every round trip): ``sync()`` of all the change sets through the
   proxy on a fourth replica at the same position, beside fetching change sets one round trip
   each through the same proxy (what a client without a change-set log does), for as many as
   ``Sizes.proxied`` of them (the count is printed).
3. Ten coders at once: ten member replicas in ten processes each add 1,000 codings and sync every
   batch, concurrently; then each syncs until quiet. Every replica (and the lead) must hold the
   snapshot's codings plus 10,000, with equal canonical dumps. Baseline: what teams do today —
   the same 10,000 codings made in ten folder copies, merged one by one into the lead's copy with
   ``project.merge`` and the merged folder copied back to the ten coders.
4. A change visible in another open replica ≤ 1 s: replica B (its own process) waits on
   ``project.team.listener()`` and syncs when notified; A codes and syncs; from the start of A's
   sync until B holds the coding. Baseline: B syncing on a timer instead (no LISTEN/NOTIFY).
5. How it scales. Measured: the pull's cost and query plan at the top of this history and of
   one grown to a million change sets (synthetic copies, written by the superuser), then with a
   large released blind round in it; compaction (a join with the whole history, the lead's
   ``team snapshot``, a join after it). Extrapolated, and labelled so: 50 coders, a million
   change sets to apply.

Run: .venv/bin/python benchmarks/team_server.py [--quick] [--project PATH] [--json]
(--quick: the small demo and a few hundred changes, seconds; tests/teamserver runs it so this
script keeps working.) The large demo comes from ``--project`` (copied, never changed) or is
built once in benchmarks/out/.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import multiprocessing
import os
import queue as queue_mod
import random
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from common import large_demo, percentiles  # noqa: E402

from fieldkit import Project  # noqa: E402


@dataclass(frozen=True)
class Sizes:
    demo: str
    changes: int  # figure 2
    coders: int  # figure 3
    codings_each: int
    batch: int  # codings between syncs in figure 3
    samples: int  # figure 4, LISTEN/NOTIFY
    poll_samples: int  # figure 4, the timer baseline
    poll_every_s: float
    history: int  # change sets in the long history of figure 5
    blind: int  # of them, codings of a released blind round
    proxied: int = 500  # figure 2: change sets fetched one round trip each through the proxy


FULL = Sizes("large", 10_000, 10, 1_000, 100, 20, 10, 2.0, 1_000_000, 100_000)
QUICK = Sizes("small", 300, 3, 60, 20, 5, 3, 1.0, 20_000, 2_000, proxied=50)
DELAY_S = 0.030  # figure 2: the simulated network's round trip

LEAD, LEAD_PW = "lead", "lead-pw"
DB = "team"


def _pgserver() -> Any:
    spec = importlib.util.spec_from_file_location("pgserver", ROOT / "tools" / "pgserver.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["pgserver"] = module
    spec.loader.exec_module(module)
    return module


def _load() -> str:
    if hasattr(os, "getloadavg"):
        return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return "load average unknown on this system"


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("project.lock", "backups",
                                                                  "*-wal", "*-shm"))
    return target


def _digest(project: Project) -> str:
    text = json.dumps(project.team.canonical(), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _codings(project: Project) -> int:
    return int(project._store.value("SELECT count(*) FROM codings"))


def _coding_keys(project: Project, coders: list[str]) -> set[tuple[Any, ...]]:
    """What a coding is, the same in every copy: document, code, coder, span, memo."""
    marks = ",".join("?" * len(coders))
    return {tuple(r) for r in project._store.rows(
        "SELECT d.uuid, k.uuid, c.name, g.start, g.\"end\", g.memo FROM codings g "
        "JOIN documents d ON d.id = g.document_id JOIN codes k ON k.id = g.code_id "
        f"JOIN coders c ON c.id = g.coder_id WHERE c.name IN ({marks})", coders)}


def _differences(projects: list[Project]) -> None:
    """Which shared tables differ (printed when a parity check fails)."""
    first = projects[0].team.canonical()
    for other in projects[1:]:
        theirs = other.team.canonical()
        for table in sorted(set(first) | set(theirs)):
            a, b = set(first.get(table, [])), set(theirs.get(table, []))
            if a != b:
                print(f"   {projects[0].path.name} vs {other.path.name}, {table}: "
                      f"{len(a - b)} rows only in the first, {len(b - a)} only in the second; "
                      f"e.g. {sorted(a - b)[:1]} / {sorted(b - a)[:1]}")


def _target(value: float, limit: float) -> str:
    return "met" if value <= limit else "MISSED"


def _s(seconds: float) -> str:
    return f"{seconds:.2f} s"


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


# -- what the coders do -------------------------------------------------------------------


def _spans(project: Project, rng: random.Random, n: int) -> list[tuple[int, int, int, int]]:
    """``n`` codings as an analyst makes them: (document id, start, end, code id)."""
    docs = [(r[0], r[1]) for r in project._store.rows(
        "SELECT id, length(text) FROM documents WHERE length(text) > 400 ORDER BY id")]
    codes = [r[0] for r in project._store.rows("SELECT id FROM codes ORDER BY id")]
    out = []
    for _ in range(n):
        doc, length = rng.choice(docs)
        start = rng.randrange(0, length - 300)
        out.append((doc, start, start + rng.randint(20, 250), rng.choice(codes)))
    return out


def _mix(project: Project, rng: random.Random, n: int) -> list[tuple[Any, ...]]:
    """A coder's day in ``n`` change sets: 84 % codings, 8 % coding memos, 4 % code memos,
    2 % new codes, 2 % new memos."""
    spans = iter(_spans(project, rng, n))
    codes = [r[0] for r in project._store.rows("SELECT id FROM codes ORDER BY id")]
    out: list[tuple[Any, ...]] = []
    codings = 0
    for i in range(n):
        roll = rng.random()
        if roll < 0.08 and codings:
            out.append(("coding memo", rng.randrange(codings), f"Memo {i}: why this fits."))
        elif roll < 0.12:
            out.append(("code memo", rng.choice(codes), f"Memo {i} on this code."))
        elif roll < 0.14:
            out.append(("new code", f"Team bench/Theme {i:05d}"))
        elif roll < 0.16:
            out.append(("new memo", f"Bench memo {i}", f"Thinking about day {i}. " * 12))
        else:
            out.append(("coding", *next(spans)))
            codings += 1
    return out


def _do(project: Project, ops: list[tuple[Any, ...]]) -> None:
    mine: list[int] = []
    for op in ops:
        if op[0] == "coding":
            mine.append(project.code_text(op[1], op[2], op[3], op[4]).id)
        elif op[0] == "coding memo":
            project.memos.set_coding_memo(mine[op[1]], op[2])
        elif op[0] == "code memo":
            project.update_code(op[1], memo=op[2])
        elif op[0] == "new code":
            project.add_code(op[1])
        else:
            project.memos.add(op[1], op[2])


# -- figure 3: a coder in its own process -------------------------------------------------


def _coder(folder: str, spans: list[tuple[int, int, int, int]], batch: int, pgpass: str,
           start: Any, coded: Any, out: Any) -> None:
    os.environ["PGPASSFILE"] = pgpass
    try:
        with Project.open(folder) as project:
            name = project.coder
            start.wait()
            began = time.time()
            syncs, received = [], 0
            for i in range(0, len(spans), batch):
                for doc, s, e, code in spans[i:i + batch]:
                    project.code_text(doc, s, e, code)
                t = time.perf_counter()
                report = project.team.sync()
                syncs.append(time.perf_counter() - t)
                received += len(report.received)
            coding_done = time.time()
            coded.wait()  # everyone has sent everything
            rounds = 0
            while True:
                t = time.perf_counter()
                report = project.team.sync()
                syncs.append(time.perf_counter() - t)
                rounds += 1
                received += len(report.received)
                if not report.received and not report.sent \
                        and project.team.status().to_send == 0:
                    break
            quiet = time.time()
            mine = int(project._store.value(
                "SELECT count(*) FROM codings g JOIN coders c ON c.id = g.coder_id "
                "WHERE c.name = ?", (name,)))
            out.put({"coder": name, "began": began, "coding_done": coding_done, "quiet": quiet,
                     "syncs": syncs, "received": received, "quiet_rounds": rounds,
                     "mine": mine, "codings": _codings(project), "digest": _digest(project)})
    except BaseException:
        out.put({"error": traceback.format_exc()})
        start.abort()
        coded.abort()


# -- figure 4: replica B, listening (or polling) in its own process -----------------------


def _watcher(folder: str, pgpass: str, mode: str, every: float, wanted: Any, seen: Any,
             stop: Any) -> None:
    os.environ["PGPASSFILE"] = pgpass
    try:
        with Project.open(folder) as project:
            project.team.sync()
            pending: set[str] = set()
            listener = project.team.listener() if mode == "listen" else None
            seen.put(("ready", 0.0))
            next_tick = time.monotonic() + every
            while not stop.is_set():
                if listener is not None:
                    if not listener.wait(0.5):
                        continue
                else:
                    pause = next_tick - time.monotonic()
                    if pause > 0:
                        time.sleep(min(pause, 0.5))
                        continue
                    next_tick += every
                project.team.sync()
                now = time.time()
                while True:
                    try:
                        pending.add(wanted.get_nowait())
                    except queue_mod.Empty:
                        break
                for uuid in sorted(pending):
                    if project._store.row("SELECT 1 FROM codings WHERE uuid = ?", (uuid,)):
                        seen.put((uuid, now))
                        pending.discard(uuid)
            if listener is not None:
                listener.close()
    except BaseException:
        seen.put(("error", traceback.format_exc()))


def _visibility(anna: Project, folder: Path, pgpass: str, mode: str, every: float,
                samples: int, spans: list[tuple[int, int, int, int]]) -> dict[str, Any]:
    ctx = multiprocessing.get_context("spawn")
    wanted, seen, stop = ctx.Queue(), ctx.Queue(), ctx.Event()
    proc = ctx.Process(target=_watcher, args=(str(folder), pgpass, mode, every, wanted, seen,
                                              stop))
    proc.start()
    try:
        tag, info = seen.get(timeout=300)
        if tag != "ready":
            raise RuntimeError(f"replica B failed:\n{info}")
        rng = random.Random(4)
        latencies, a_syncs = [], []
        for doc, s, e, code in spans[:samples]:
            uuid = anna.code_text(doc, s, e, code).uuid
            wanted.put(uuid)
            time.sleep(0.3 + (rng.random() * every if mode == "poll" else 0.0))
            began = time.time()
            anna.team.sync()
            a_syncs.append(time.time() - began)
            got, at = seen.get(timeout=60)
            if got != uuid:
                raise RuntimeError(f"replica B reported {got!r}, waiting for {uuid}:\n{at}")
            latencies.append(at - began)
        return {"latency": percentiles(latencies), "a_sync": percentiles(a_syncs)}
    finally:
        stop.set()
        proc.join(timeout=60)
        if proc.is_alive():
            proc.terminate()


# -- the run --------------------------------------------------------------------------------


class Run:
    def __init__(self, sizes: Sizes, project: Path | None, tmp: Path) -> None:
        self.sizes = sizes
        self.tmp = tmp
        self.figures: dict[str, Any] = {"load_at_start": _load()}
        self.source = self._source(project)
        pgserver = _pgserver()
        self.pg = pgserver.PgServer()
        self.pg.start()
        os.environ["PGPASSFILE"] = str(self.pg.pgpass)
        self.lead_url = self.pg.new_team_database(DB, LEAD, LEAD_PW)

    def _source(self, given: Path | None) -> Path:
        target = self.tmp / "source.fieldkit"
        if self.sizes.demo == "small":
            from fieldkit.demobuild import build_demo

            build_demo(target, "small").close()
            return target
        _copy(given or large_demo()[0], target)
        Project.open(target).close()  # an older copy migrates here, once, untimed
        shutil.rmtree(target / "backups", ignore_errors=True)
        return target

    def say(self, line: str = "") -> None:
        print(line, flush=True)

    def server_value(self, sql: str) -> Any:
        import psycopg

        with psycopg.connect(self.pg.url(db=DB), autocommit=True) as conn:
            return conn.execute(sql).fetchone()  # type: ignore[arg-type]

    def member(self, lead: Project, name: str) -> str:
        lead.team.add_member(name, role="coder", password=f"{name}-pw")
        self.pg.remember(name, f"{name}-pw")
        return str(self.pg.url(name, "", DB))

    def join(self, url: str, name: str, coder: str) -> tuple[Project, float]:
        from fieldkit.team.replica import join

        started = time.perf_counter()
        project = join(url, self.tmp / f"{name}.fieldkit", coder=coder)
        return project, time.perf_counter() - started

    def close(self) -> None:
        self.pg.destroy()

    # ------------------------------------------------------------------------------------

    def run(self) -> dict[str, Any]:
        sz = self.sizes
        kind = "quick, small demo" if sz.demo == "small" else "large demo"
        self.say(f"fieldkit team server benchmark ({kind}); {self.figures['load_at_start']}")
        lead = Project.open(_copy(self.source, self.tmp / "lead.fieldkit"))
        lead.set_coder("Lotte")
        docs = int(lead._store.value("SELECT count(*) FROM documents"))
        snapshot_codings = _codings(lead)
        self.say(f"project: {docs:,} documents, {snapshot_codings:,} codings, "
                 f"{_mb((lead.path / 'project.sqlite').stat().st_size)} on disk")

        # 1. publish and join ------------------------------------------------------------
        started = time.perf_counter()
        lead.team.publish(self.lead_url)
        publish_s = time.perf_counter() - started
        snap_size = int(self.server_value("SELECT size FROM fieldkit.snapshots")[0])
        media_n, media_bytes = self.server_value(
            "SELECT count(*), coalesce(sum(size), 0) FROM fieldkit.media")
        self.say("\n1. Publish and join")
        self.say(f"   publish: {_s(publish_s)} (target ≤ 60 s: {_target(publish_s, 60)}) — "
                 f"snapshot {_mb(snap_size)}, media {int(media_n)} files, "
                 f"{_mb(int(media_bytes))} sent")
        coder_names = [f"Coder {i + 1:02d}" for i in range(sz.coders)]
        urls = {name: self.member(lead, name) for name in ("anna", "cora", "dora", "emma")}
        urls.update({f"coder{i + 1:02d}": self.member(lead, f"coder{i + 1:02d}")
                     for i in range(sz.coders)})
        anna, join_s = self.join(urls["anna"], "anna", "Anna")
        joins = [join_s]
        cora, join_s = self.join(urls["cora"], "cora", "Cora")
        joins.append(join_s)
        folders = []
        for i, name in enumerate(coder_names):
            member = f"coder{i + 1:02d}"
            project, join_s = self.join(urls[member], member, name)
            project.close()
            folders.append(self.tmp / f"{member}.fieldkit")
            joins.append(join_s)
        same = _digest(anna) == _digest(lead)
        self.say(f"   join by a second member: {_s(joins[0])}; all {len(joins)} joins: "
                 f"p50 {_s(statistics.median(joins))}, max {_s(max(joins))}; "
                 f"parity: joined replica {'equals' if same else 'DIFFERS FROM'} the lead")
        self.figures["publish"] = {"seconds": round(publish_s, 2), "snapshot_bytes": snap_size,
                                   "media_files": int(media_n), "media_bytes": int(media_bytes),
                                   "join_s": round(joins[0], 2),
                                   "join_p50_s": round(statistics.median(joins), 2),
                                   "joins": len(joins), "parity": same}

        # 3. ten coders at once (before 2, so every replica joined at the same state) -------
        rng = random.Random(17)
        spans = {name: _spans(lead, rng, sz.codings_each) for name in coder_names}
        self.ten_coders(lead, folders, coder_names, spans, snapshot_codings)
        for project in (anna, cora):
            project.team.sync()  # catch up (untimed): both now hold the ten coders' work
        self.merge_baseline(lead, coder_names, spans)

        # 2. 10,000 change sets ------------------------------------------------------------
        self.many_changes(lead, anna, cora, rng)
        cora.close()
        self.compaction(lead, urls)

        # 4. visible in another open replica -----------------------------------------------
        lead_folder = lead.path
        lead.close()
        self.live(anna, lead_folder, rng)

        # 5. how it scales -------------------------------------------------------------------
        self.scaling(anna)
        anna.close()
        self.figures["load_at_end"] = _load()
        self.say(f"\n{self.figures['load_at_end']}")
        return self.figures

    # ------------------------------------------------------------------------------------

    def ten_coders(self, lead: Project, folders: list[Path], names: list[str],
                   spans: dict[str, list[tuple[int, int, int, int]]], before: int) -> None:
        sz = self.sizes
        total = sz.coders * sz.codings_each
        ctx = multiprocessing.get_context("spawn")
        start, coded = ctx.Barrier(sz.coders + 1), ctx.Barrier(sz.coders)
        out = ctx.Queue()
        procs = [ctx.Process(target=_coder, args=(str(folder), spans[name], sz.batch,
                                                  str(self.pg.pgpass), start, coded, out))
                 for folder, name in zip(folders, names, strict=True)]
        for p in procs:
            p.start()
        start.wait(timeout=600)
        began = time.time()
        results = []
        for _ in procs:
            results.append(out.get(timeout=3600))
        for p in procs:
            p.join()
        errors = [r["error"] for r in results if "error" in r]
        if errors:
            raise RuntimeError("a coder process failed:\n" + errors[0])
        while True:  # the lead, too, until quiet
            report = lead.team.sync()
            if not report.received and not report.sent:
                break
        lead_digest = _digest(lead)
        lead_codings = _codings(lead)
        digests = {r["digest"] for r in results} | {lead_digest}
        counts = {r["codings"] for r in results} | {lead_codings}
        every_own = all(r["mine"] == sz.codings_each for r in results)
        ok = len(digests) == 1 and counts == {before + total} and every_own
        syncs = [s for r in results for s in r["syncs"]]
        coding_wall = max(r["coding_done"] for r in results) - began
        converged = max(r["quiet"] for r in results) - began
        self.say(f"\n3. {sz.coders} coders at once ({sz.coders} processes, {sz.codings_each:,} "
                 f"codings each, a sync every {sz.batch})")
        self.say(f"   all coded and sent after {_s(coding_wall)}; every replica synced until "
                 f"quiet after {_s(converged)} (wall clock, 2 cores shared by "
                 f"{sz.coders} processes and PostgreSQL): every replica held everyone's work "
                 f"{_s(converged - coding_wall)} after the last batch was sent, and each coder "
                 f"saw the others' codings at each of its syncs while coding")
        self.say(f"   syncs: {len(syncs)}, p50 {percentiles(syncs)['p50_ms']:.0f} ms, "
                 f"p95 {percentiles(syncs)['p95_ms']:.0f} ms (each applies the others' new "
                 f"batches, with the CPU shared); change sets received per "
                 f"replica: {min(r['received'] for r in results):,}–"
                 f"{max(r['received'] for r in results):,}")
        self.say(f"   codings in each of {len(results)} replicas and the lead: "
                 f"{sorted(counts)} = {before:,} (snapshot) + {total:,}; each coder's own "
                 f"{sz.codings_each:,} present: {every_own}")
        self.say(f"   parity: canonical dumps of {len(results)} replicas and the lead "
                 f"{'all equal' if len(digests) == 1 else 'DIFFER'} "
                 f"(sha256 {lead_digest[:12]}…) — {'OK' if ok else 'FAILED'}")
        self.figures["ten_coders"] = {
            "coders": sz.coders, "codings_each": sz.codings_each,
            "coded_and_sent_s": round(coding_wall, 2), "converged_s": round(converged, 2),
            "sync": percentiles(syncs), "codings": sorted(counts), "parity": ok}
        self.ten_keys = _coding_keys(lead, names)
        self.ten_converged, self.ten_coded = converged, coding_wall
        if not ok:
            raise SystemExit("ten coders did not converge")

    def merge_baseline(self, lead: Project, names: list[str],
                       spans: dict[str, list[tuple[int, int, int, int]]]) -> None:
        """Folder exchange: ten copies coded, merged one by one into the lead's, copied back."""
        coding_s = 0.0
        copies = []
        for i, name in enumerate(names):
            folder = _copy(self.source, self.tmp / f"copy{i}.fieldkit")
            with Project.open(folder) as project:
                project.set_coder(name)
                started = time.perf_counter()
                for doc, s, e, code in spans[name]:
                    project.code_text(doc, s, e, code)
                coding_s += time.perf_counter() - started
            copies.append(folder)
        merged = _copy(self.source, self.tmp / "merged.fieldkit")
        merges = []
        with Project.open(merged) as project:
            project.set_coder("Lotte")
            for folder in copies:
                started = time.perf_counter()
                project.merge.project(folder)
                merges.append(time.perf_counter() - started)
            keys = _coding_keys(project, names)
            count = _codings(project)
        started = time.perf_counter()
        for i in range(len(names)):
            shutil.rmtree(copies[i])
            _copy(merged, self.tmp / f"back{i}.fieldkit")
        copy_back = time.perf_counter() - started
        for i in range(len(names)):
            shutil.rmtree(self.tmp / f"back{i}.fieldkit")
        shutil.rmtree(merged)
        same = keys == self.ten_keys and count == _codings(lead)
        total = sum(merges) + copy_back
        self.say(f"   baseline (folder exchange, what teams do today): the same codings made in "
                 f"{len(names)} copies ({_s(coding_s)} of coding, one process), merged one by "
                 f"one into the lead's copy with project.merge: {_s(sum(merges))} "
                 f"(p50 {_s(statistics.median(merges))} a merge, each with its backup), the "
                 f"merged folder copied back to {len(names)} coders: {_s(copy_back)}; "
                 f"exchange total {_s(total)} for one round after everyone stopped coding "
                 f"(team server: {_s(self.ten_converged - self.ten_coded)}), nobody seeing "
                 f"anyone's work before it")
        self.say(f"   parity: merged project holds the same {len(keys):,} codings of the "
                 f"{len(names)} coders (document, code, coder, span, memo) and the same total "
                 f"({count:,}): {'equal' if same else 'DIFFERENT'}")
        self.figures["ten_coders"]["baseline_merge"] = {
            "coding_s": round(coding_s, 2), "merges_s": round(sum(merges), 2),
            "merge_p50_s": round(statistics.median(merges), 2),
            "copy_back_s": round(copy_back, 2), "parity": same}

    def many_changes(self, lead: Project, anna: Project, cora: Project,
                     rng: random.Random) -> None:
        n = self.sizes.changes
        ops = _mix(anna, rng, n)
        started = time.perf_counter()
        _do(anna, ops)
        making_s = time.perf_counter() - started
        to_send = anna.team.status().to_send
        started = time.perf_counter()
        report = anna.team.sync()
        push_s = time.perf_counter() - started
        sent = report.sent
        position = lead.team.position
        started = time.perf_counter()
        report = lead.team.sync()
        pull_s = time.perf_counter() - started
        received = len(report.received)
        kinds = {k: sum(1 for o in ops if o[0] == k) for k in
                 ("coding", "coding memo", "code memo", "new code", "new memo")}
        mix = ", ".join(f"{v:,} {k}s" for k, v in kinds.items())
        self.say(f"\n2. Sync of {n:,} change sets ({mix})")
        self.say(f"   made locally in {_s(making_s)} ({making_s / n * 1000:.2f} ms each, outbox "
                 f"included); {to_send:,} to send (with the one adding coder Anna)")
        self.say(f"   push (the server's fieldkit.push checks every row against the schema "
                 f"and its own record, and numbers the sets): {_s(push_s)} for {sent:,} "
                 f"change sets ({sent / push_s:,.0f}/s)")
        self.say(f"   another replica's one sync(): {_s(pull_s)} for {received:,} change sets "
                 f"({received / pull_s:,.0f}/s) (target ≤ 5 s: {_target(pull_s, 5)})")
        # Baseline on a third replica at the same position: one fetch, one transaction, the
        # same applier; a fourth (a copy of the third) syncs through a slow network.
        cora._store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        far_folder = _copy(cora.path, self.tmp / "cora-far.fieldkit")
        base_s = self.one_fetch(cora, position)
        far = self.over_network(far_folder, position)
        digests = {_digest(p) for p in (anna, lead, cora)} | {far.pop("digest")}
        if len(digests) > 1:
            _differences([anna, lead, cora])
        same = len(digests) == 1 and received == to_send and sent == to_send
        each_ms = far["one_by_one_s"] / max(1, far["one_by_one_n"]) * 1000
        self.say(f"   baseline on a third replica: the same {n:,} change sets fetched with one "
                 f"query and applied in one SQLite transaction with the same applier: "
                 f"{_s(base_s)} ({n / base_s:,.0f}/s); sync() takes {pull_s / base_s:.2f}× "
                 f"the baseline (it also reconciles own unsent work, fetches media and pushes)")
        self.say(f"   over a simulated network (a proxy adding {DELAY_S * 1000:.0f} ms per round "
                 f"trip; measured {far['round_trip_ms']:.1f} ms): sync() of all {n:,} on a "
                 f"fourth replica {_s(far['sync_s'])}; fetching change sets one round trip "
                 f"each through the same proxy: {_s(far['one_by_one_s'])} for "
                 f"{far['one_by_one_n']:,} of them ({each_ms:.1f} ms each, measured)")
        self.say(f"   parity: sender, receiving replica, baseline replica and the replica "
                 f"over the slow network: canonical dumps {'all equal' if same else 'DIFFER'}")
        self.figures["sync_10k"] = {
            "changes": n, "mix": kinds, "making_s": round(making_s, 2),
            "push_s": round(push_s, 2), "pull_apply_s": round(pull_s, 2),
            "per_second": round(received / pull_s), "baseline_s": round(base_s, 2),
            "sync_over_baseline": round(pull_s / base_s, 2),
            "over_network": far, "parity": same}
        self.push_s, self.pull_s, self.n = push_s, pull_s, n
        if not same:
            raise SystemExit("sync parity failed")

    def compaction(self, lead: Project, urls: dict[str, str]) -> None:
        """A join with the whole history to apply, the lead's new snapshot (``team snapshot``)
        at the top of it, and a join after it (section 5 prints the figures)."""
        history = int(self.server_value("SELECT count(*) FROM fieldkit.change_sets")[0])
        before, before_s = self.join(urls["dora"], "dora", "Dora")
        started = time.perf_counter()
        seq = lead.team.snapshot()
        snapshot_s = time.perf_counter() - started
        size = int(self.server_value(
            "SELECT size FROM fieldkit.snapshots ORDER BY id DESC LIMIT 1")[0])
        after, after_s = self.join(urls["emma"], "emma", "Emma")
        digests = {_digest(p) for p in (lead, before, after)}
        for project in (before, after):
            project.close()
            shutil.rmtree(project.path)
        self.compacted = {"history": history, "join_before_s": round(before_s, 2),
                          "snapshot_s": round(snapshot_s, 2), "snapshot_seq": seq,
                          "snapshot_bytes": size, "join_after_s": round(after_s, 2),
                          "parity": len(digests) == 1}

    def one_fetch(self, project: Project, position: int) -> float:
        """The sync baseline: every change set after ``position`` fetched with one query and
        applied in one SQLite transaction with the replica's own applier."""
        import psycopg

        from fieldkit.storage.replica_tables import Applier
        from fieldkit.storage.writer import REMOTE
        from fieldkit.team.replica import SyncReport

        team = project.team
        started = time.perf_counter()
        with psycopg.connect(self.pg.url("cora", "", DB), autocommit=True) as conn:
            rows = conn.execute("SELECT seq, body FROM fieldkit.change_sets WHERE seq > %s "
                                "ORDER BY seq", (position,)).fetchall()
        applier = Applier(project._store)
        report = SyncReport()
        with project._store.change("Sync with the team", origin=REMOTE):
            for _seq, body in rows:
                team._apply(applier, body, report, None)
            if rows:
                project._store.set_meta("team_seq", str(rows[-1][0]))
        return time.perf_counter() - started

    def over_network(self, folder: Path, position: int) -> dict[str, Any]:
        """``sync()`` through a proxy adding ``DELAY_S`` per round trip, beside fetching change
        sets one round trip each through it (up to ``Sizes.proxied`` of them)."""
        import psycopg
        from netdelay import DelayProxy

        with DelayProxy("127.0.0.1", self.pg.port, DELAY_S) as proxy:
            with open(self.pg.pgpass, "a", encoding="utf-8") as fh:
                fh.write(f"127.0.0.1:{proxy.port}:*:cora:cora-pw\n")
            url = f"postgresql://cora@127.0.0.1:{proxy.port}/{DB}"
            with psycopg.connect(url, autocommit=True) as conn:
                trips = []
                for _ in range(10):
                    t = time.perf_counter()
                    conn.execute("SELECT 1").fetchone()
                    trips.append(time.perf_counter() - t)
                count = 0
                started = time.perf_counter()
                for seq in range(position + 1, position + 1 + self.sizes.proxied):
                    row = conn.execute("SELECT body FROM fieldkit.change_sets WHERE seq = %s",
                                       (seq,)).fetchone()
                    count += row is not None
                one_by_one_s = time.perf_counter() - started
            far = Project.open(folder)
            far.team._set_meta({"team_url": url})  # the same server, reached through the proxy
            started = time.perf_counter()
            far.team.sync()
            sync_s = time.perf_counter() - started
            digest = _digest(far)
            far.close()
        return {"delay_ms": DELAY_S * 1000, "round_trip_ms": round(statistics.median(trips)
                                                                    * 1000, 1),
                "sync_s": round(sync_s, 2), "one_by_one_n": count,
                "one_by_one_s": round(one_by_one_s, 2), "digest": digest}

    def live(self, anna: Project, lead_folder: Path, rng: random.Random) -> None:
        sz = self.sizes
        spans = _spans(anna, rng, sz.samples + sz.poll_samples)
        pgpass = str(self.pg.pgpass)
        listen = _visibility(anna, lead_folder, pgpass, "listen", 0.0, sz.samples, spans)
        poll = _visibility(anna, lead_folder, pgpass, "poll", sz.poll_every_s, sz.poll_samples,
                           spans[sz.samples:])
        lat, base = listen["latency"], poll["latency"]
        self.say("\n4. A change visible in another open replica (LISTEN/NOTIFY)")
        self.say(f"   from the start of A's sync until B holds the coding, {lat['n']} times: "
                 f"p50 {lat['p50_ms']:.0f} ms, p95 {lat['p95_ms']:.0f} ms (target ≤ 1 s: "
                 f"{_target(lat['p95_ms'], 1000)}); "
                 f"A's sync itself p50 {listen['a_sync']['p50_ms']:.0f} ms")
        self.say(f"   baseline: B syncing on a {sz.poll_every_s:g}-s timer instead, "
                 f"{base['n']} times: p50 {base['p50_ms']:.0f} ms, p95 {base['p95_ms']:.0f} ms "
                 f"(and every open app asks the server every {sz.poll_every_s:g} s)")
        self.say(f"   parity: B held each of the {lat['n'] + base['n']} codings A sent (checked "
                 "by UUID)")
        self.figures["visible"] = {"listen": lat, "a_sync": listen["a_sync"], "poll": base}
        self.latency = lat

    def pull_probe(self, url: str, behind: int) -> tuple[float, float, str]:
        """Server time of a pull at the top of the history (p50 of 30, ms), of a pull of the
        last ``behind`` change sets (s), and the plan of the pull's own query."""
        from fieldkit.storage.team_server import Server

        with Server(url) as server:
            top = server.last_seq()
            tops = []
            for _ in range(30):
                t = time.perf_counter()
                server.pull(top - 1)
                tops.append(time.perf_counter() - t)
            t = time.perf_counter()
            server.pull(top - behind)
            behind_s = time.perf_counter() - t
            seen: list[tuple[Any, Any]] = []
            execute = server.conn.execute

            def spy(query: Any, params: Any = None, **kw: Any) -> Any:
                if "change_sets c" in str(query):
                    seen.append((query, params))
                return execute(query, params, **kw)

            server.conn.execute = spy  # type: ignore[method-assign]
            server.pull(top - 1)
            server.conn.execute = execute  # type: ignore[method-assign]
            query, params = seen[-1]
            plan = "\n".join(r[0] for r in execute("EXPLAIN " + query, params))
        return statistics.median(tops) * 1000, behind_s, plan

    def scaling(self, anna: Project) -> None:
        count, table_bytes = self.server_value(
            "SELECT (SELECT count(*) FROM fieldkit.change_sets), "
            "pg_total_relation_size('fieldkit.change_sets')")
        count = int(count)
        per_cs = int(table_bytes) / max(1, count)
        behind = min(self.n, count - 1)
        top_ms, behind_s, plan = self.pull_probe(anna.team.url, behind)
        # A long history, for real: copies of the last coding change set appended up to
        # ``history`` rows (as the superuser, triggers off: the rows are never applied).
        history = self.sizes.history
        import psycopg

        started = time.perf_counter()
        with psycopg.connect(self.pg.url(db=DB), autocommit=True) as conn:
            conn.execute("SET session_replication_role = replica")
            conn.execute("""
                INSERT INTO fieldkit.change_sets
                    (seq, uuid, member, at, made, coder, label, kind, body)
                SELECT t.top + g, 'synthetic-' || g, c.member, c.at, c.made, c.coder, c.label,
                       c.kind, c.body
                FROM generate_series(1, %s) g,
                     (SELECT max(seq) AS top FROM fieldkit.change_sets) t,
                     (SELECT * FROM fieldkit.change_sets WHERE blind_set IS NULL
                      ORDER BY seq DESC LIMIT 1) c""", (history - count,))
            conn.execute("ANALYZE fieldkit.change_sets")
            long_bytes = int(conn.execute(  # type: ignore[index]
                "SELECT pg_total_relation_size('fieldkit.change_sets')").fetchone()[0])
        fill_s = time.perf_counter() - started
        long_top_ms, long_behind_s, long_plan = self.pull_probe(anna.team.url, behind)
        # Then a blind-coding round in that history: ``blind`` of those change sets become
        # another member's codings of a blind set released long ago.
        with psycopg.connect(self.pg.url(db=DB), autocommit=True) as conn:
            conn.execute("INSERT INTO fieldkit.blind_sets (set_uuid, name, documents, made_by, "
                         "released_seq) VALUES ('synthetic-blind', 'Round 1', '{}', %s, 1)",
                         (LEAD,))
            conn.execute("UPDATE fieldkit.change_sets SET blind_set = 'synthetic-blind', "
                         "member = 'cora' WHERE seq > %s AND seq <= %s",
                         (history // 2, history // 2 + self.sizes.blind))
            conn.execute("ANALYZE fieldkit.change_sets")
        blind_top_ms, _blind_behind_s, blind_plan = self.pull_probe(anna.team.url, behind)
        apply_ms = self.pull_s / self.n * 1000
        push_ms = self.push_s / self.n * 1000
        join_s = self.figures["publish"]["join_p50_s"]
        million_apply_min = apply_ms * 1_000_000 / 1000 / 60
        per_minute = 50 * 100  # 50 coders, each syncing a batch of 100 codings a minute

        def scan(text: str) -> str:
            if "Seq Scan on change_sets" in text:
                return "a sequential scan of change_sets"
            if "change_sets_pkey" in text:
                return "the primary key on seq" + (
                    " OR-ed with the blind-set index" if "change_sets_blind" in text else "")
            return "plan: " + " / ".join(line.strip() for line in text.splitlines()[:3])

        self.say("\n5. How it scales")
        self.say(
            f"   Measured: the history held {count:,} change sets in {_mb(int(table_bytes))} "
            f"({per_cs:,.0f} bytes each, indexes included). A pull at its top (one change set "
            f"new) took {top_ms:.1f} ms of server time, a pull of the last {behind:,} "
            f"{_s(behind_s)}; the pull's query plan uses {scan(plan)}. Grown to "
            f"{history:,} change sets (synthetic copies, {_mb(long_bytes)}, written in "
            f"{_s(fill_s)}): a pull at the top took {long_top_ms:.1f} ms, of the last "
            f"{behind:,} {_s(long_behind_s)}; plan: {scan(long_plan)}. With "
            f"{self.sizes.blind:,} of those change sets made blind codings of a round released "
            f"long ago, a pull at the top took {blind_top_ms:.1f} ms (plan: "
            f"{scan(blind_plan)})" + (
                ": the pull's second branch reads every blind change set ever made, not only "
                "rounds released since the puller's position." if blind_top_ms > 5 * long_top_ms
                else "."))
        self.figures["scaling"] = {
            "change_sets": count, "bytes_per_change_set": round(per_cs),
            "pull_at_top_ms": round(top_ms, 2), "pull_behind_s": round(behind_s, 3),
            "plan": plan, "history": history, "history_bytes": long_bytes,
            "long_pull_at_top_ms": round(long_top_ms, 2),
            "long_pull_behind_s": round(long_behind_s, 3), "long_plan": long_plan,
            "blind": self.sizes.blind, "blind_pull_at_top_ms": round(blind_top_ms, 2),
            "blind_plan": blind_plan, "compaction": self.compacted}
        c = self.compacted
        self.say(
            f"   Measured, compaction: a join with the whole history after the first snapshot "
            f"({c['history']:,} change sets) took {c['join_before_s']:.1f} s; the lead's "
            f"'team snapshot' at seq {c['snapshot_seq']:,} took {c['snapshot_s']:.1f} s "
            f"({_mb(c['snapshot_bytes'])}); a join after it {c['join_after_s']:.1f} s "
            f"(the snapshot plus only what follows it); parity: both joined replicas equal "
            f"the lead: {c['parity']}.")
        self.say(
            f"   Extrapolated (not measured): 50 coders each sending 100 codings a minute "
            f"({per_minute:,} change sets/min) hold the push queue {push_ms:.3f} ms per change "
            f"set = {per_minute * push_ms / 1000:.1f} s a minute; each replica applies the "
            f"other 49 coders' {49 * 100:,} change sets a minute at {apply_ms:.2f} ms each = "
            f"{49 * 100 * apply_ms / 1000:.1f} s of its own CPU a minute, within a sync; 50 "
            f"LISTEN connections plus short sync connections fit PostgreSQL's default 100. A "
            f"new member joining a million change sets after the last snapshot would apply "
            f"them all: about {million_apply_min:,.0f} min at the measured rate; with the "
            f"lead storing a snapshot every ~{per_minute * 60:,} change sets (an hour of that "
            f"team), a join costs one snapshot download ({join_s:.0f} s here) plus at most an "
            f"hour of change sets ({per_minute * 60 * apply_ms / 1000:.0f} s); change sets "
            f"below the newest snapshot are then only the audit trail (and could move to an "
            f"archive table).")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small demo, a few hundred changes")
    parser.add_argument("--project", type=Path, help="the large demo to copy (never changed)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    with tempfile.TemporaryDirectory(prefix="fieldkit-team-bench-") as tmp:
        run = Run(sizes, args.project, Path(tmp))
        try:
            figures = run.run()
        finally:
            run.close()
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
