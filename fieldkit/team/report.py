"""What a sync tells the researcher: who sent what, what was refused, and every row this copy
did not apply, named in a researcher's words ("Bram's coding of 'Peer help' in 'Interview
Ahmed': the code was deleted")."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import display
from fieldkit.core.value_merge import Overwritten
from fieldkit.storage import replica_tables
from fieldkit.storage.replica_tables import NAME_FIELD

if TYPE_CHECKING:
    from fieldkit.storage.store import Store

#: names of deleted rows kept to name what arrives for them later
GONE_KEPT = 2000


@dataclass(slots=True)
class Arrival:
    """A change set that came in: who made it and what it was (shown after a sync)."""

    member: str
    coder: str
    label: str
    at: str


@dataclass(slots=True)
class SyncReport:
    """What one sync did: sent, received, rows it could not apply (``skipped``, the same on
    every copy) and own work the server refused (``refused``, taken back here)."""

    sent: int = 0
    received: list[Arrival] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    position: int = 0
    #: about the team server itself (its rules were brought up to date, are older or newer)
    notices: list[str] = field(default_factory=list)
    #: attribute values a later change set (in the server's order) replaced on every copy
    overwritten: list[str] = field(default_factory=list)

    def parts(self) -> list[str]:
        """What ``problem`` says, one part each: what was refused, not applied, replaced by a
        later change, and what the sync said about the team server's rules."""
        parts = []
        for prefix, lines in (("Refused by the server", self.refused),
                              ("Not applied", self.skipped),
                              ("Replaced by a later change", self.overwritten)):
            if lines:
                more = f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""
                parts.append(f"{prefix}: {lines[0]}{more}")
        return parts + self.notices

    def problem(self) -> str:
        """One line for ``team status``: what was refused, not applied or replaced, and what
        to do about the server's rules ('' when nothing)."""
        return "; ".join(self.parts())


def overwritten_line(row: str, change: Overwritten, where: str) -> str:
    """One attribute value a later change set replaced, the same on every copy: "The case
    'Jan': afdeling 'Lasserij' was replaced by 'Montage' (#7 from bram)"."""
    if change.lost is None:
        return (f"{row}: {change.name}, removed by an earlier change, was set to "
                f"{quoted(display(change.kept))} ({where})")
    if change.kept is None:
        return f"{row}: {change.name} {quoted(display(change.lost))} was removed ({where})"
    return (f"{row}: {change.name} {quoted(display(change.lost))} was replaced by "
            f"{quoted(display(change.kept))} ({where})")


def rules_notice(kind: str, server_version: int, mine: int) -> str:
    """The one line a sync says about the team server's rules: ``upgraded`` (the lead's sync
    brought them up to date), ``older`` (a member's: ask the lead), ``newer`` (this fieldkit
    is older than the team's rules: nothing was sent)."""
    if kind == "upgraded":
        return (f"Brought the team server's rules up to this fieldkit's (version "
                f"{server_version} to {mine}); every change set stays.")
    if kind == "older":
        return (f"The team server still runs older rules (version {server_version}, this "
                f"fieldkit's are {mine}): ask the team lead to sync.")
    return (f"The team server's rules (version {server_version}) are newer than this "
            f"fieldkit's ({mine}): update fieldkit; your changes were not sent (they stay "
            "here).")


def quoted(text: Any) -> str:
    """A name or label in quotes, on one line and not too long."""
    line = str(text).replace("\r", " ").replace("\n", " ")
    return f"'{line if len(line) <= 60 else line[:57] + '…'}'"


def shown(member: Any) -> str:
    text = str(member).replace("\n", " ")
    return text if len(text) <= 40 else text[:37] + "…"


class Names:
    """Names rows for messages, also of codes, documents and coders deleted since (this
    copy's memory of their names decides nothing; it only makes the report readable)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def _gone(self) -> dict[str, str]:
        try:
            found = json.loads(self._store.meta("team_gone", "{}") or "{}")
        except ValueError:
            return {}
        return found if isinstance(found, dict) else {}

    def remember(self, names: dict[str, str]) -> None:
        """Keep the names of rows just deleted (call inside a change)."""
        names = {k: v for k, v in names.items() if v}
        if not names:
            return
        kept = {**self._gone(), **names}
        kept = dict(list(kept.items())[-GONE_KEPT:])
        self._store.set_meta("team_gone", json.dumps(kept, ensure_ascii=False))

    def remember_deleted(self, rows: list[dict[str, Any]]) -> None:
        """Keep the names of what an own change set deletes (from its portable rows)."""
        self.remember({str(r["k"]): str(r["was"].get(NAME_FIELD[r["t"]], ""))
                       for r in rows if r["op"] == "delete" and r["t"] in NAME_FIELD
                       and isinstance(r.get("was"), dict)})

    def describe(self, row: dict[str, Any], gone: dict[str, str]) -> str:
        """A row in a researcher's words: "Bram's coding of 'Peer help' in 'Interview 3'"."""
        conn = self._store.conn
        known = {**self._gone(), **gone}

        def name(table: str, uuid: Any) -> str | None:
            return replica_tables.name_of(conn, table, uuid) or known.get(str(uuid))

        table = row["t"]
        values = {**(row.get("was") or {}), **(row.get("set") or {})}
        if table == "codings":
            here = replica_tables.coding_names(conn, row["k"])
            coder_uuid, code_uuid, doc_uuid = here or (
                values.get("coder_id") or row.get("coder"), values.get("code_id"),
                values.get("document_id") or row.get("doc"))
            coder, code, doc = (name("coders", coder_uuid), name("codes", code_uuid),
                                name("documents", doc_uuid))
            return ((f"{coder}'s coding" if coder else "A coding")
                    + (f" of {quoted(code)}" if code else "")
                    + (f" in {quoted(doc)}" if doc else ""))
        noun = replica_tables.NOUNS[table]
        if table in NAME_FIELD:
            called = name(table, row["k"]) or values.get(NAME_FIELD[table])
            if called:
                return f"The {noun} {quoted(called)}"
        verb = {"insert": "new", "update": "changed", "delete": "deleted"}[row["op"]]
        return f"A {verb} {noun}"
