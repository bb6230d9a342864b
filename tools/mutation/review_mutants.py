"""The review's hand-made mutants (issue 24, item 6), each with the tests that must kill it.

    python tools/mutation/review_mutants.py          # every mutant
    python tools/mutation/review_mutants.py search   # those whose name contains "search"

The repository's ``fieldkit/`` and ``tests/`` are copied to a scratch folder once; each mutant is
made there (one exact text replacement), its tests run against the copy, and the file is put
back. The repository itself is never touched. A mutant the tests do not kill is a failure; so
is a test that fails on the unmutated code (checked first).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


AGREEMENT = ("tests/test_bite_agreement.py",)
ANCHORING = ("tests/test_bite_anchoring.py",)
SEARCH = ("tests/test_bite_search.py",)
TEAM = ("tests/teamserver/test_bite_convergence.py",)
REFI = ("tests/test_bite_refi_memos.py",)
A, R, F = "fieldkit/core/agreement.py", "fieldkit/core/anchoring.py", "fieldkit/index/fts.py"

MUTANTS = [
    Mutant("agreement: threshold exclusive when matching", A,
           "if any(overlap_ratio(span, other) >= threshold for other",
           "if any(overlap_ratio(span, other) > threshold for other", AGREEMENT),
    Mutant("agreement: threshold exclusive when pairing", A,
           "            if ratio >= threshold:", "            if ratio > threshold:", AGREEMENT),
    Mutant("agreement: default threshold 0.8", A,
           "    coder_b: str,\n    threshold: float = 0.9,",
           "    coder_b: str,\n    threshold: float = 0.8,", AGREEMENT),
    Mutant("agreement: a B segment in two pairs", A,
           "        if i not in used_a and j not in used_b:", "        if i not in used_a:",
           AGREEMENT),
    Mutant("agreement: pairs worst overlap first", A,
           "    for _, i, j in sorted(candidates):",
           "    for _, i, j in sorted(candidates, reverse=True):", AGREEMENT),
    Mutant("agreement: pairs in input order", A,
           "    for _, i, j in sorted(candidates):", "    for _, i, j in candidates:", AGREEMENT),
    Mutant("agreement: window of earlier partners one too small", A,
           "threshold) + 1\n        low = bisect.bisect_left(starts, span[0] - slack)\n"
           "        high = bisect.bisect_left(starts, span[1])\n        if any",
           "threshold)\n        low = bisect.bisect_left(starts, span[0] - slack)\n"
           "        high = bisect.bisect_left(starts, span[1])\n        if any", AGREEMENT),
    Mutant("anchoring: empty contexts on both sides count double", R,
           "    if not a and not b:\n        return 1.0",
           "    if not a and not b:\n        return 2.0", ANCHORING),
    Mutant("anchoring: an empty context matches any", R,
           "    if not a and not b:\n        return 1.0",
           "    if not a or not b:\n        return 1.0", ANCHORING),
    Mutant("anchoring: stored before context from its first line break", R,
           'anchor.before.rsplit("\\n", 1)[-1], anchor.after.split("\\n", 1)[0]',
           'anchor.before.split("\\n", 1)[-1], anchor.after.split("\\n", 1)[0]', ANCHORING),
    Mutant("anchoring: stored after context up to its last line break", R,
           'anchor.before.rsplit("\\n", 1)[-1], anchor.after.split("\\n", 1)[0]',
           'anchor.before.rsplit("\\n", 1)[-1], anchor.after.rsplit("\\n", 1)[0]', ANCHORING),
    Mutant("anchoring: before context now from its first line break", R,
           '    before_now = text[max(0, pos - len(anchor.before)):pos].rsplit("\\n", 1)[-1]',
           '    before_now = text[max(0, pos - len(anchor.before)):pos].split("\\n", 1)[-1]',
           ANCHORING),
    Mutant("anchoring: before context now misses the text's first character", R,
           '    before_now = text[max(0, pos - len(anchor.before)):pos]',
           '    before_now = text[max(1, pos - len(anchor.before)):pos]', ANCHORING),
    Mutant("search: ORDER BY bm25 removed", F,
           '"WHERE search_index MATCH ? ORDER BY score")', '"WHERE search_index MATCH ?")',
           SEARCH),
    Mutant("search: ranking removed inside a set", F,
           '                   "ORDER BY score")\n            if limit',
           '                   "")\n            if limit', SEARCH),
    Mutant("search: total undercounted at the limit", F,
           "if limit is not None and len(found) >= limit:",
           "if limit is not None and len(found) > limit:", SEARCH),
    Mutant("search: regional ranking by a document's worst segment", F,
           "best[unit] = min(best[unit], score)", "best[unit] = max(best[unit], score)", SEARCH),
    Mutant("search: regional ranking keeps the worst documents", F,
           "top = heapq.nsmallest(", "top = heapq.nlargest(", SEARCH),
    Mutant("search: speaker hits unranked", F,
           "            out.sort(key=lambda r: r[1])", "            pass", SEARCH),
    Mutant("team: receiving replicas drop coding-memo updates",
           "fieldkit/storage/replica_tables.py",
           "        # only a text edit and a coding need the row as it was",
           '        if table == "codings":\n            values.pop("memo", None)\n'
           "        # only a text edit and a coding need the row as it was", TEAM),
    Mutant("REFI export: coding memo only in Description", "fieldkit/exporters/refi_writer.py",
           "    if coding.memo.strip():\n        who = export.users[coding.coder_id]",
           "    if False:\n        who = export.users[coding.coder_id]", REFI),
    Mutant("REFI export: coding memo only as a Note", "fieldkit/exporters/refi_writer.py",
           '        _text(element, "Description", coding.memo)', "        pass", REFI),
    Mutant("REFI import: coding memo only from Description", "fieldkit/operations/export.py",
           '"memo": note_text(coding.note_refs) or coding.memo,', '"memo": coding.memo,', REFI),
    Mutant("REFI import: Coding NoteRefs ignored", "fieldkit/importers/refi.py",
           'note_refs=[guid(r.get("targetGUID")) for r in _kids(element, "NoteRef")])',
           "note_refs=[])", REFI),
    # found by the mutmut run and killed by the new tests (see REPORT.md)
    Mutant("anchoring: half a surviving quote is not enough", R,
           "        if 2 * kept >= size:", "        if 2 * kept > size:", ANCHORING),
    Mutant("anchoring: the nearer of two copies loses", R,
           "            best, found = (score, -abs(pos - hint)), pos",
           "            best, found = (score, +abs(pos - hint)), pos", ANCHORING),
    Mutant("anchoring: a copy at position 0 is not found", R,
           "    if found >= 0:", "    if found > 0:", ANCHORING),
    Mutant("search: unknown filter values joined with OR", F,
           '        shown = " or ".join(', '        shown = " OR ".join(', SEARCH),
    Mutant("search: segments of one document not merged", F,
           "                unit.spans = sorted(set(unit.spans) | set(spans))",
           "                unit.spans = sorted(set(unit.spans) | set(None))", SEARCH),
    Mutant("writer: a failed action is not rolled back", "fieldkit/storage/writer.py",
           '                self.conn.execute("ROLLBACK")',
           '                self.conn.execute("XXROLLBACKXX")', ("tests/test_bite_writer.py",)),
    Mutant("writer: undo reports no rows", "fieldkit/storage/writer.py",
           "        self._current, self._log = applied, True",
           "        self._current, self._log = applied, False", ("tests/test_bite_writer.py",)),
    Mutant("writer: a deletion is recorded without its key", "fieldkit/storage/writer.py",
           "    self._record(RowChange(table, key, before, None))",
           "    self._record(RowChange(table, None, before, None))",
           ("tests/test_bite_writer.py",)),
    Mutant("writer: an undo is not handed to the team", "fieldkit/storage/writer.py",
           "                self.commit_hook(applied)", "                self.commit_hook(None)",
           TEAM),
    Mutant("team: a deleted code's child codes are skipped", "fieldkit/storage/replica_tables.py",
           "                if other == table and dependant == key:",
           "                if other == table and dependant != key:", TEAM),
    Mutant("team: own work redone gets new ids", "fieldkit/storage/replica_tables.py",
           "c.table in SHARED and _simple(c.table):", "c.table not in SHARED and _simple(c.table):",
           TEAM),
    Mutant("team: received work is not attributed", "fieldkit/team/replica.py",
           "report.received.append(Arrival(item.member,", "report.received.append(Arrival(None,",
           TEAM),
    Mutant("analysis: a coding at position 0 counts no words", "fieldkit/analysis/variables.py",
           "if s >= 0 else 0", "if s > 0 else 0", ("tests/test_bite_analysis.py",)),
    Mutant("analysis: visits are not labelled by site and date", "fieldkit/analysis/variables.py",
           '        if variable == "visit":', '        if variable == "XXvisitXX":',
           ("tests/test_bite_analysis.py",)),
]


def run_tests(work: Path, tests: tuple[str, ...]) -> int:
    env = {**os.environ, "PYTHONPATH": str(work), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        ["nice", "-n", "10", sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q",
         "-x", "--rootdir", str(work), *tests], cwd=work, env=env, check=False,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode


def main(argv: list[str]) -> int:
    chosen = [m for m in MUTANTS if not argv or any(a in m.name for a in argv)]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="fieldkit-review-mutants-") as scratch:
        work = Path(scratch)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
        shutil.copytree(REPO / "fieldkit", work / "fieldkit", ignore=ignore)
        shutil.copytree(REPO / "tests", work / "tests", ignore=ignore)
        shutil.copytree(REPO / "tools", work / "tools", ignore=ignore)
        shutil.copy2(REPO / "pyproject.toml", work / "pyproject.toml")
        for tests in sorted({m.tests for m in chosen}):
            if run_tests(work, tests) != 0:
                print(f"FAILS UNMUTATED: {' '.join(tests)}")
                failures += 1
        for m in chosen:
            path = work / m.path
            original = path.read_text(encoding="utf-8")
            if original.count(m.old) != 1:
                print(f"CANNOT MAKE ({original.count(m.old)} matches): {m.name}")
                failures += 1
                continue
            path.write_text(original.replace(m.old, m.new), encoding="utf-8")
            try:
                killed = run_tests(work, m.tests) != 0
            finally:
                path.write_text(original, encoding="utf-8")
            print(f"{'killed  ' if killed else 'SURVIVED'}  {m.name}")
            failures += not killed
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
