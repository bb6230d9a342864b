"""Team work on a PostgreSQL server: ``team publish|join|status|members|release|blind|lock|
unlock|settings|snapshot|upgrade`` and ``sync``. URLs are libpq URLs (``postgresql://user@host/db``);
passwords come from pgpass, PGPASSWORD or the system keyring, never from the project."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from functools import partial

from fieldkit.cli.common import (
    add_command,
    add_json_option,
    add_project_option,
    open_project,
    plain,
    print_json,
    progress_bar,
    table,
)
from fieldkit.core.errors import BadInput


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "sync", cmd_sync,
                    "send your changes to the team server and receive your team mates'")
    add_json_option(p)

    team = sub.add_parser("team", help="a shared project on a PostgreSQL server "
                          "(publish, join, status, members, blind sets, locks)",
                          description="A shared project on a PostgreSQL server.")
    add_project_option(team)
    team.set_defaults(run=lambda args: _help(team))
    verbs = team.add_subparsers(dest="team_command", metavar="ACTION")
    command = partial(add_command, verbs)

    p = command("publish", cmd_publish,
                "make this project the team's first state on URL (you become its lead)")
    p.add_argument("url", metavar="URL")

    p = command("join", cmd_join, "make a replica of the team at URL in the new folder PATH")
    p.add_argument("url", metavar="URL")
    p.add_argument("path", metavar="PATH")
    p.add_argument("--member", metavar="NAME",
                   help="join as this member (default: the URL's user)")
    p.add_argument("--coder", metavar="NAME", help="your coder name in this replica")
    p.add_argument("--as-existing-coder", action="store_true",
                   help="the team's project has a coder of this name already and it is you "
                        "(their codings become yours to change)")

    command("leave", cmd_leave, "this copy stops syncing with its team and is an ordinary "
            "project again (its work stays; e.g. to publish it to a new server)")

    p = command("status", cmd_status, "this replica's server, member, role and what is unsent")
    add_json_option(p)

    p = command("members", cmd_members,
                "the team's members (the lead adds them with --add, removes with --remove)")
    change = p.add_mutually_exclusive_group()
    change.add_argument("--add", metavar="NAME",
                        help="add a member (their PostgreSQL role), or change a member's role "
                             "or password; the password is asked for, or taken from "
                             "FIELDKIT_MEMBER_PASSWORD")
    change.add_argument("--remove", metavar="NAME", help="take a member off the team")
    p.add_argument("--role", choices=("coder", "lead"), default="coder")
    add_json_option(p)

    p = command("blind", cmd_blind,
                "code the document set SET blind until it is released (--list: the blind sets)")
    p.add_argument("set", metavar="SET", nargs="?")
    p.add_argument("--list", action="store_true", help="list the blind sets and their state")
    add_json_option(p)

    p = command("release", cmd_release, "release the blind set SET: everyone sees all codings")
    p.add_argument("set", metavar="SET")

    p = command("snapshot", cmd_snapshot,
                "store this copy as the state new members start from (the lead's)")

    command("upgrade", cmd_upgrade, "bring the team server's rules up to this fieldkit's "
            "(the lead's; every row stays)")

    p = command("settings", cmd_settings, "the team's settings on the server (the lead's)")
    p.add_argument("--change-set-limit", type=int, metavar="BYTES",
                   help="the largest change set the server accepts (default 1048576)")
    add_json_option(p)

    p = command("lock", cmd_lock, "take the edit lock of a document's text")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--minutes", type=int, default=15,
                   help="how long: 1 to 1440 minutes (24 hours); default 15")

    p = command("unlock", cmd_unlock, "give the edit lock of a document back")
    p.add_argument("doc", metavar="DOC")
    p.add_argument("--force", action="store_true",
                   help="end whoever holds it (the lead's, for a lock left behind)")


def _help(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def cmd_sync(args: argparse.Namespace) -> int:
    """Exit 1 when the server refused some of this copy's work (taken back here); rows from
    the server this copy could not apply are printed, and the sync still succeeds."""
    with open_project(args) as project:
        report = project.team.sync(progress_bar("Syncing"))
    code = 1 if report.refused else 0
    if args.json:
        print_json(report)
        return code
    print(f"Sent {report.sent} change set(s), received {len(report.received)}; "
          f"at position {report.position}.")
    by_member: dict[str, int] = {}
    for arrival in report.received:
        by_member[arrival.member] = by_member.get(arrival.member, 0) + 1
    for member, n in sorted(by_member.items()):
        print(f"  {member}: {n}")
    for line in report.notices:
        print(line)
    for line in report.overwritten:
        print(f"Replaced by a later change (the same on every copy): {line}")
    for line in report.refused:
        print(f"Refused by the server and taken back here: {line}", file=sys.stderr)
    for line in report.skipped:
        print(f"Not applied (the same on every copy): {line}", file=sys.stderr)
    return code


def cmd_upgrade(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        print(project.team.upgrade())
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        project.team.publish(args.url, progress=progress_bar("Publishing"))
        status = project.team.status()
    print(f"Published to {status.url}; you ({status.member}) are the team's lead. Add members "
          "with: fieldkit -p PROJECT team members --add NAME")
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from fieldkit.team.replica import join

    with join(args.url, args.path, member=args.member, coder=args.coder,
              as_existing_coder=args.as_existing_coder,
              progress=progress_bar("Joining")) as project:
        status = project.team.status()
        count = len(project.documents())
    print(f"Joined as {status.member} ({status.role}): {args.path} holds {count} documents, "
          f"at position {status.position}.")
    if status.last_problem:
        print(f"Not everything in the team's history could be applied here: "
              f"{status.last_problem}", file=sys.stderr)
    return 0


def cmd_leave(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        url = project.team.url
        unsent = project.team.leave()
    kept = (f"; {unsent} change set(s) of yours never reached it and stay only here"
            if unsent else "")
    print(f"This project no longer syncs with the team at {url}{kept}.")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    with open_project(args, readonly=True) as project:
        status = project.team.status()
    if args.json:
        print_json({**plain(status), "state": status.state})
        return 0
    print(f"Server:     {status.url}\nMember:     {status.member} ({status.role})\n"
          f"Position:   {status.position}\nTo send:    {status.to_send}\n"
          f"Last sync:  {status.last_sync or 'never'}\nState:      {status.state}")
    if status.last_error:
        print(f"Last error: {status.last_error}")
    if status.last_problem:
        print(f"Last problem ({status.last_problem_at}): {status.last_problem}")
    return 0


def cmd_members(args: argparse.Namespace) -> int:
    changing = args.add is not None or args.remove is not None
    with open_project(args, readonly=not changing) as project:
        if args.add:
            secret = os.environ.get("FIELDKIT_MEMBER_PASSWORD") or None
            if secret is None and sys.stdin.isatty():
                secret = getpass.getpass(f"Password for {args.add} (empty: keep theirs, "
                                         "if they have one): ") or None
            project.team.add_member(args.add, role=args.role, password=secret)
            print(f"{args.add} is a member, as {args.role}. They join with: fieldkit team join "
                  f"{_member_url(project.team.url, args.add)} PATH")
            return 0
        if args.remove:
            with project.team.server() as server:
                server.remove_member(args.remove)
            print(f"Removed {args.remove} from the team; their work stays in the history.")
            return 0
        members = project.team.members()
    if args.json:
        print_json(members)
        return 0
    print(table([[m.name, m.role, m.coders, m.change_sets, m.last_change[:19]]
                 for m in members],
                ["Member", "Role", "Coders", "Change sets", "Last change"]))
    return 0


def _member_url(url: str, member: str) -> str:
    from fieldkit.storage.team_server import url_with

    return url_with(url, user=member)


def cmd_blind(args: argparse.Namespace) -> int:
    if args.list:
        with open_project(args, readonly=True) as project:
            sets = project.team.blind_sets()
        if args.json:
            print_json(sets)
            return 0
        print(table([[b.name, len(b.documents),
                      "coded blind" if b.released_seq is None
                      else f"released at position {b.released_seq}"] for b in sets],
                    ["Blind set", "Documents", "State"]))
        return 0
    if not args.set:
        raise BadInput("Name the document set to code blind, or list the blind sets with "
                       "--list.")
    with open_project(args) as project:
        n = project.team.make_blind(args.set)
    print(f"'{args.set}' ({n} documents) is coded blind until: fieldkit team release "
          f"'{args.set}'")
    return 0


def cmd_release(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        seq = project.team.release(args.set)
    print(f"Released '{args.set}' (position {seq}); everyone receives all its codings at their "
          "next sync.")
    return 0


def cmd_snapshot(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        seq = project.team.snapshot(progress_bar("Storing"))
    print(f"New members now start from this copy (position {seq}).")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    with open_project(args, readonly=args.change_set_limit is None) as project:
        with project.team.server() as server:
            if args.change_set_limit is not None:
                server.set_limit(args.change_set_limit)
            facts = server.team()
    shown = {"change_set_limit": int(facts.get("change_set_limit", "0") or 0),
             "name": facts.get("name", "")}
    if args.json:
        print_json(shown)
        return 0
    print(f"Team:              {shown['name']}\n"
          f"Change-set limit:  {shown['change_set_limit']:,} bytes")
    return 0


def cmd_lock(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        state = project.team.lock(args.doc, minutes=args.minutes)
    print(f"You hold the edit lock until {state.expires}.")
    return 0


def cmd_unlock(args: argparse.Namespace) -> int:
    with open_project(args) as project:
        if args.force:
            doc = project.document(args.doc)
            with project.team.server() as server:
                holder = server.break_lock(doc.uuid)
            print(f"The edit lock of '{doc.title}' is ended"
                  + (f" (it was {holder}'s)." if holder else " (nobody held it)."))
            return 0
        project.team.unlock(args.doc)
    print("The edit lock is given back.")
    return 0
