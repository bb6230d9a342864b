"""Storage sits below the search index and never imports it: the index registers the SQL functions
the search triggers call, the facade imports the index, and storage alone can still build an
empty schema (listing a backup's tables) but refuses to write through the triggers without them.
Each check runs in a fresh interpreter, where nothing has imported the index yet."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def _run(code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_storage_builds_the_schema_without_loading_the_index() -> None:
    out = _run("""
        import sys
        from fieldkit.storage import identity, replica_tables, schema
        tables = identity.known_tables()
        assert {"documents", "codings", "search_index", "search_regions"} <= tables, tables
        assert replica_tables.expected_schema(len(schema.MIGRATIONS))
        print(sorted(m for m in sys.modules if m.startswith("fieldkit.index")))
    """)
    assert out == "[]"


def test_writing_without_the_index_is_one_clear_error_and_writes_nothing(tmp_path: Path) -> None:
    out = _run("""
        import sys
        from pathlib import Path
        from fieldkit.storage import database
        folder = Path(sys.argv[1])
        conn = database.connect(folder / "project.sqlite")
        try:
            database.migrate(conn, folder)
        except RuntimeError as exc:
            print(exc)
        print(conn.execute("PRAGMA user_version").fetchone()[0])
        conn.close()
        import fieldkit.index  # what the facade does: now the triggers have their functions
        conn = database.connect(folder / "project.sqlite")
        database.migrate(conn, folder)
        conn.execute("INSERT INTO documents (uuid, kind, title, text, created, modified) "
                     "VALUES ('d', 'fieldnote', 'Bezoek', 'Coördinatie 👍 kantbanken', '', '')")
        print(conn.execute("SELECT stems FROM search_index WHERE field = 'text'").fetchone()[0])
        print(fieldkit.index.fk_stems("Coördinatie 👍 kantbanken", None))
    """, str(tmp_path))
    error, version, stems, truth = out.splitlines()
    assert error.startswith("the search index's SQL functions are not registered (fk_stems")
    assert "import fieldkit.index" in error
    assert version == "0"  # refused before the first step: nothing half-migrated
    assert stems == truth and "kantbank" in stems.split()  # the trigger ran the index's stemmer


def test_the_facade_loads_the_index_before_it_opens_a_project() -> None:
    out = _run("""
        import sys
        from fieldkit.project import Project
        from fieldkit.storage import database
        database.require_functions()
        print("fieldkit.index" in sys.modules)
    """)
    assert out == "True"
