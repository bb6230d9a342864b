"""Which version of the team server's rules a server runs, and bringing an older server's rules
up to this fieldkit's (``fieldkit team upgrade``, or the lead's sync).

The rules are the server's functions, its row-level policy and its grants
(``team_server_sql``): they are made at ``team publish``, so a team that published with an
earlier fieldkit keeps its earlier checks until the lead replaces them. The version is derived
from the SQL itself: ``RULES_HASH`` is the sha256 of the rules' text, and ``RULES_VERSION`` its
place in ``HISTORY`` (the hashes of every released set of rules, oldest first;
``tests/teamserver/test_rules_upgrade.py`` fails when the SQL changed and its hash was not
appended, and an unlisted hash counts as one newer than the last listed, so a forgotten entry
still upgrades). A server records both in ``fieldkit.team`` (``rules_version``, ``rules_hash``);
a server that records neither predates versioned rules (version 0).

Only the owner role may replace the functions; members hold no right to (they neither own
them nor may create anything in the schema). The lead takes the owner role for the one
transaction of the upgrade (PostgreSQL 16 lets the role's maker grant it; on 12–15 the
administrator grants it) and gives it back at the end.

The tables (``team_server_sql.TABLES``) are not part of the rules: they are the same on every
format-2 server, and a change of them needs a step of its own that fills them for the rows the
server holds already (a new table left empty would weaken the checks that read it).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fieldkit.storage import team_server_sql

#: the sha256 (first 16 hex digits) of every released set of server rules, oldest first
HISTORY: tuple[str, ...] = (
    "4666b9a90026559d",
    # 2: a memo link, saved search or saved coding query is changed or deleted only by the
    # member who added it, or the lead
    "e64babcbfc25177e",
)


def rules_sql(channel: str) -> str:
    """The rules as ``CREATE OR REPLACE`` statements, run as the owner role: every function,
    the history's row-level policy, and the members' grants (``{group}`` left to fill)."""
    from fieldkit.storage.team_server_history_sql import HISTORY as HISTORY_SQL

    functions = team_server_sql.filled(team_server_sql.FUNCTIONS + HISTORY_SQL, channel)
    functions = re.sub(r"\bCREATE FUNCTION\b", "CREATE OR REPLACE FUNCTION", functions)
    policies = team_server_sql.POLICIES.replace(
        "CREATE POLICY read_history ON fieldkit.change_sets",
        "DROP POLICY IF EXISTS read_history ON fieldkit.change_sets;\n"
        "CREATE POLICY read_history ON fieldkit.change_sets")
    return functions + policies


def _hash(channel: str) -> str:
    text = rules_sql(channel) + team_server_sql.GRANTS
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4)
def current(channel: str) -> tuple[int, str]:
    """This fieldkit's rules: (version, hash) (worked out once: every sync asks)."""
    found = _hash(channel)
    if found in HISTORY:
        return HISTORY.index(found) + 1, found
    return len(HISTORY) + 1, found


@dataclass(frozen=True, slots=True)
class RulesState:
    """A server's rules against this fieldkit's: 'same', 'older' (the server's: the lead
    upgrades it) or 'newer' (this fieldkit is older: update it before sending anything)."""

    server_version: int
    server_hash: str
    mine: int
    state: str


def compare(facts: dict[str, str], channel: str) -> RulesState:
    """The server's rules (from its ``fieldkit.team`` facts) against this fieldkit's."""
    mine, my_hash = current(channel)
    found = facts.get("rules_version", "")
    version = int(found) if found.isdigit() else 0
    got = facts.get("rules_hash", "")
    if got == my_hash:
        state = "same"
    elif version > mine or (got in HISTORY and HISTORY.index(got) + 1 > mine):
        state = "newer"
    else:
        state = "older"
    return RulesState(version, got, mine, state)


def replace(conn: Any, owner: str, group: str, channel: str) -> None:
    """Replace the server's rules by this fieldkit's, in the caller's transaction, as the
    owner role (taken for the transaction, and given back, when the lead may grant it to
    themselves); every table and row stays as it is. ``PermissionError`` when the connecting
    role cannot take the owner role."""
    import psycopg
    from psycopg import sql

    me = sql.Identifier(str(conn.info.user))
    role = sql.Identifier(owner)
    granted = False
    if not conn.execute("SELECT pg_has_role(session_user, %s, 'MEMBER')",
                        (owner,)).fetchone()[0]:
        try:
            with conn.transaction():
                conn.execute(sql.SQL("GRANT {} TO {}").format(role, me))
            granted = True
        except psycopg.errors.InsufficientPrivilege:
            raise PermissionError(owner) from None
    conn.execute(sql.SQL("SET LOCAL ROLE {}").format(role))
    conn.execute(rules_sql(channel))  # type: ignore[arg-type]
    for line in team_server_sql.GRANTS.strip().split(";"):
        conn.execute(sql.SQL(line.replace("{group}", "{}")).format(sql.Identifier(group)))
    version, digest = current(channel)
    conn.execute("INSERT INTO fieldkit.team (key, value) VALUES ('rules_version', %s), "
                 "('rules_hash', %s) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                 (str(version), digest))
    conn.execute("RESET ROLE")
    if granted:
        conn.execute(sql.SQL("REVOKE {} FROM {}").format(role, me))
