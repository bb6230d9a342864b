"""Reads of the team server's history that only a replica needs (its own SQL, kept beside the
server's in ``team_server``): the change sets of blind rounds not yet released."""

from __future__ import annotations

from typing import Any

from fieldkit.storage.team_server import Server


def unreleased_blind(server: Server, upto: int) -> list[Any]:
    """The bodies of the blind change sets this member can see that are not released at
    position ``upto`` (in the order they were made): what a snapshot must not publish."""
    def run() -> list[Any]:
        return [r[0] for r in server.conn.execute("""
            SELECT c.body FROM fieldkit.change_sets c
            JOIN fieldkit.blind_sets b ON b.set_uuid = c.blind_set
            WHERE c.blind_set IS NOT NULL AND c.seq <= %s
              AND (b.released_seq IS NULL OR b.released_seq > %s)
            ORDER BY c.seq""", (upto, upto)).fetchall()]
    return server._call(run)  # type: ignore[no-any-return]
