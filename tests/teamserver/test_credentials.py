"""A member's password from the system keyring: joined and synced with it, never stored in the
project."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from fieldkit.storage.team_server import ServerRefused
from fieldkit.team import credentials
from fieldkit.team.replica import join


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in this test (the machine has none)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.kept: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.kept.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.kept[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.kept.pop((service, username), None)


@pytest.fixture
def ring():
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    try:
        yield memory
    finally:
        keyring.set_keyring(before)


def test_a_password_in_the_keyring_joins_and_syncs(published, ring, tmp_path) -> None:
    team, lead = published
    lead.team.add_member(f"cora{team.db}", password="cora-secret")  # not in pgpass
    url = team.pg.url(f"cora{team.db}", "", team.db)
    with pytest.raises(ServerRefused, match="login"):
        join(url, tmp_path / "Cora.fieldkit")
    assert not (tmp_path / "Cora.fieldkit").exists()
    assert credentials.available()
    assert credentials.remember(url, "cora-secret")
    assert ("fieldkit", url) in ring.kept  # under the URL without any password
    with join(url, tmp_path / "Cora.fieldkit", coder="Cora") as cora:
        cora.add_code("Leren/Van Cora")
        cora.team.sync()
        stored = {k: v for k, v in cora._store.rows("SELECT key, value FROM meta")}
        assert not any("cora-secret" in str(v) for v in stored.values())
    assert not any(b"cora-secret" in f.read_bytes()
                   for f in (tmp_path / "Cora.fieldkit").rglob("*") if f.is_file())
    lead.team.sync()
    assert lead.code("Leren/Van Cora")


def test_without_a_usable_keyring_nothing_is_kept(monkeypatch) -> None:
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert not credentials.available()
        assert not credentials.remember("postgresql://x@h/db", "s")
        assert credentials.password("postgresql://x@h/db") is None
    finally:
        keyring.set_keyring(before)
