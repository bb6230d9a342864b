"""Merging a ``.qdpx`` is linear in its codes (issue 22, item 8).

No clock: the statements the merge runs on our database are counted, for a codebook of n and of
2n codes, generated in a project and exported with fieldkit's own exporter. Before the fix every
code read our whole codebook again (1,002 rebuilds for 1,000 codes), so the codes read grew with
the square of n.
"""

from __future__ import annotations

from pathlib import Path

from fieldkit.project import Project
from fieldkit.storage.store import Store


def _qdpx(folder: Path, n: int) -> Path:
    def fill(project: Project, store: Store) -> None:
        with store.change("Codes", log=False):
            tops = [store.add_code({"name": f"Thema {i}", "parent_id": None})
                    for i in range(n // 10)]
            for i in range(n - len(tops)):
                store.add_code({"name": f"Code {i} é😀", "parent_id": tops[i % len(tops)],
                                "definition": f"Wanneer {i}"})

    with Project.build(folder / f"src{n}.fieldkit", fill=fill) as project:
        project.add_note(site="Metaal BV", title="Notitie", text="Jan werkt hier.")
        return project.exports.qdpx(folder / f"src{n}.qdpx")


def _merge_counting(folder: Path, qdpx: Path, *, half_known: bool) -> tuple[int, int, Project]:
    target = Project.create(folder / f"target-{qdpx.stem}-{half_known}.fieldkit")
    if half_known:  # half of their codes exist here by name: matched, not added
        with Project.open(qdpx.with_suffix(".fieldkit"), readonly=True) as theirs:
            book = theirs.codebook()
            for code in list(book.codes.values())[::2]:
                target.add_code(book.path(code.id))
    statements: list[str] = []
    target._store.conn.set_trace_callback(statements.append)
    summary = target.merge.project(qdpx)
    target._store.conn.set_trace_callback(None)
    codebook_reads = sum(1 for s in statements if s.startswith("SELECT * FROM codes ORDER BY"))
    assert summary.codes + summary.matched_by_name >= 1
    return len(statements), codebook_reads, target


def test_merging_codes_grows_linearly(tmp_path: Path) -> None:
    n = 200
    small, large = _qdpx(tmp_path, n), _qdpx(tmp_path, 2 * n)
    for half_known in (False, True):
        s_statements, s_reads, p1 = _merge_counting(tmp_path, small, half_known=half_known)
        l_statements, l_reads, p2 = _merge_counting(tmp_path, large, half_known=half_known)
        assert l_statements <= 2.2 * s_statements, (s_statements, l_statements)
        assert s_reads == l_reads <= 3  # our codebook read a fixed number of times
        for project, codes in ((p1, n), (p2, 2 * n)):
            # the truth: every one of their paths is ours, once
            with Project.open((small if codes == n else large).with_suffix(".fieldkit"),
                              readonly=True) as theirs:
                book = theirs.codebook()
                wanted = sorted(book.path(c) for c in book.codes)
            book = project.codebook()
            assert sorted(book.path(c) for c in book.codes) == wanted
            again = project.merge.project(small if codes == n else large)
            assert again.added == 0
            project.close()
