"""Encrypted projects on the command line: encrypt, decrypt, passphrase; and the prompt.

The passphrase of an encrypted project comes from ``FIELDKIT_PASSPHRASE``, the keyring, or a
prompt on the terminal (never echoed); a new passphrase from ``FIELDKIT_NEW_PASSPHRASE`` (for
``passphrase``; ``FIELDKIT_PASSPHRASE`` for ``new --encrypt`` and ``encrypt``) or a prompt
asked twice. A wrong one is one line, exit code 2, and nothing changes.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from functools import partial
from pathlib import Path

from fieldkit.cli.common import add_command
from fieldkit.core.errors import BadInput, PassphraseNeeded
from fieldkit.operations import encryption

NEW_ENV = "FIELDKIT_NEW_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:
    command = partial(add_command, sub)
    p = command("encrypt", cmd_encrypt, "encrypt a project in place (database, media, backups)")
    p.add_argument("path")
    p.add_argument("--no-recovery", action="store_true",
                   help="make no recovery key (a forgotten passphrase then loses the project)")
    p.add_argument("--remember", action="store_true",
                   help="remember the passphrase in this computer's keyring")
    p = command("decrypt", cmd_decrypt, "decrypt an encrypted project in place")
    p.add_argument("path")
    p = command("passphrase", cmd_passphrase, "change the passphrase of an encrypted project")
    p.add_argument("path")
    p.add_argument("--remember", action="store_true",
                   help="remember the new passphrase in this computer's keyring")
    p.add_argument("--forget", action="store_true",
                   help="remove the remembered passphrase from this computer's keyring")


def ask(name: str) -> str | None:
    """The passphrase typed on the terminal (not echoed), or None when there is no terminal."""
    if not sys.stdin.isatty():
        return None
    return getpass.getpass(f"Passphrase for {name}: ")


def unlock(path: str | Path) -> None:
    """Unlock the project at ``path`` for this command (nothing for a plain project)."""
    encryption.unlock(path, ask=ask)


def new_passphrase(env: str) -> str:
    """A new passphrase: from ``env``, else typed twice on the terminal."""
    given = os.environ.get(env)
    if given:
        return given
    if not sys.stdin.isatty():
        raise PassphraseNeeded(f"Give the new passphrase in {env} (there is no terminal to "
                               "ask on); nothing was changed.")
    first = getpass.getpass("New passphrase: ")
    if not first:
        raise BadInput("The passphrase may not be empty; nothing was changed.")
    if getpass.getpass("The same passphrase again: ") != first:
        raise BadInput("The two passphrases differ; nothing was changed.")
    return first


def print_recovery(recovery: str | None) -> None:
    if recovery:
        print(f"Recovery key (shown only now; keep it somewhere safe, apart from this "
              f"computer; it opens the project if the passphrase is forgotten): {recovery}")


def cmd_encrypt(args: argparse.Namespace) -> int:
    folder = Path(args.path)
    _require_project(folder)
    if encryption.is_encrypted(folder):
        raise BadInput(f"{folder.name} is encrypted already; `fieldkit passphrase` changes its "
                       "passphrase.")
    passphrase = new_passphrase(encryption.ENV)
    recovery = encryption.encrypt(folder, passphrase, recovery=not args.no_recovery)
    print(f"Encrypted {folder}: its database, media and backups.")
    print_recovery(recovery)
    _remember(folder, passphrase, args.remember)
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    folder = Path(args.path)
    _require_project(folder)
    if not encryption.is_encrypted(folder):
        raise BadInput(f"{folder.name} is not encrypted; nothing was changed.")
    unlock(folder)
    encryption.decrypt(folder)
    print(f"Decrypted {folder}: it is a plain project again (anyone with the folder can read "
          "it).")
    return 0


def cmd_passphrase(args: argparse.Namespace) -> int:
    folder = Path(args.path)
    _require_project(folder)
    if not encryption.is_encrypted(folder):
        raise BadInput(f"{folder.name} is not encrypted; `fieldkit encrypt` encrypts it.")
    unlock(folder)
    if args.forget:
        encryption.forget(folder)
        print(f"This computer no longer remembers the passphrase of {folder.name}.")
        return 0
    passphrase = new_passphrase(NEW_ENV)
    encryption.change_passphrase(folder, passphrase)
    print(f"Changed the passphrase of {folder.name}.")
    _remember(folder, passphrase, args.remember)
    return 0


def _remember(folder: Path, passphrase: str, wanted: bool) -> None:
    if wanted and not encryption.remember(folder, passphrase):
        print("fieldkit: this computer has no keyring; the passphrase was not remembered.",
              file=sys.stderr)


def _require_project(folder: Path) -> None:
    from fieldkit.storage import conversion

    conversion.finish_interrupted_if_free(folder)
    if not (folder / "project.sqlite").is_file():
        raise BadInput(f"{folder} is not a fieldkit project (no project.sqlite inside).")
