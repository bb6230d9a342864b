"""A change the researcher makes while a sync is under way (the app syncs in a background
thread while the window stays usable) is rebased like any other unsent work: replicas still
converge."""

from __future__ import annotations

import threading
from typing import Any

from fieldkit.project import Project
from fieldkit.team import replica


def _note(p: Project, title: str) -> Any:
    return p.document(next(d.id for d in p.documents() if d.title == title))


def test_a_rename_made_on_another_thread_during_a_pull_converges(published, monkeypatch
                                                                  ) -> None:
    team, lead = published
    anna = team.join(f"anna{team.db}", "Anna")
    try:
        lead.rename_document(_note(lead, "Bezoek 1").id, "Bezoek 1 (lead)")
        lead.team.sync()
        doc = _note(anna, "Bezoek 2")
        anna.code_text(doc.id, 0, 4, "Leren/Voordoen")  # unsent work of anna's own
        doc = _note(anna, "Bezoek 1")
        real_blind_uuid = replica._blind_uuid
        renamer: list[threading.Thread] = []

        def blind_uuid_while_anna_works(outbox_uuid: str) -> str:
            if not renamer:
                # the GUI thread renames the note just after the sync read its own work
                t = threading.Thread(target=anna.rename_document,
                                     args=(doc.id, "Bezoek 1 (anna)"))
                renamer.append(t)
                t.start()
                t.join(0.5)  # done now, unless the sync holds the project (then it waits)
            return real_blind_uuid(outbox_uuid)

        monkeypatch.setattr(replica, "_blind_uuid", blind_uuid_while_anna_works)
        anna.team.sync()
        assert renamer, "the sync no longer reads its own work this way; rewrite this test"
        renamer[0].join()
        monkeypatch.setattr(replica, "_blind_uuid", real_blind_uuid)
        anna.team.sync()
        lead.team.sync()
        # anna's rename reached the server after the lead's: the later change wins everywhere
        assert anna.document(doc.id).title == "Bezoek 1 (anna)"
        assert anna.team.canonical() == lead.team.canonical()
        assert anna.team.status().to_send == 0
    finally:
        anna.close()
