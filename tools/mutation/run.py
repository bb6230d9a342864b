"""Run mutmut (3.x) over one package of fieldkit with that package's fast tests.

    python tools/mutation/run.py core            # mutate fieldkit/core with its tests
    python tools/mutation/run.py core --before   # the same, without the tests/test_bite_* files
    python tools/mutation/run.py --list          # the packages of tools/mutation/packages.toml

Each run works in a scratch folder outside the repository (``/tmp/fieldkit-mutation/NAME``,
or ``--work DIR``): the repository's ``fieldkit/``, ``tests/`` and ``pyproject.toml`` are copied
there with a ``setup.cfg`` holding this package's ``[mutmut]`` section, so neither mutmut's
``mutants/`` folder nor its config ever touches the normal test run. It runs under
``nice -n 10`` with one worker by default (``--jobs N`` for more). At the end it prints the
counts (killed, survived, no tests, timeout, ...) and writes them, with every survivor's diff, to
``tools/mutation/results/NAME[-before].txt``.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import signal
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PACKAGES = HERE / "packages.toml"


def _lines(option: str, values: list[str]) -> str:
    return f"{option} =\n" + "".join(f"    {v}\n" for v in values)


def setup_cfg(package: dict[str, list[str]], before: bool, timeout: float = 3.0) -> str:
    """The ``[mutmut]`` section for one package (the bite tests left out with ``before``)."""
    tests = list(package["tests"]) + ([] if before else list(package.get("bite", [])))
    return (
        "[mutmut]\n"
        "source_paths = fieldkit\n"
        + _lines("only_mutate", package["mutate"])
        + _lines("pytest_add_cli_args_test_selection", tests)
        # the repo's addopts stay (importlib mode); no cache folder, no slow-marked tests
        + _lines("pytest_add_cli_args", ["-p", "no:cacheprovider", "-m", "not slow"])
        # a mutant that loops (anchoring's diff has several while loops) is stopped after 3x
        # its tests' usual time rather than mutmut's 15x: on two shared cores that matters
        + f"timeout_multiplier = {timeout}\n"
        + "use_git_change_detection = false\n"
        + _lines("also_copy", ["docs", "tools"])  # tests read docs/search.md, tools/pgserver.py
        + "debug = false\n"
    )


def prepare(work: Path, package: dict[str, list[str]], before: bool, timeout: float) -> None:
    """A fresh scratch copy of the repository's code and tests with this run's config."""
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "fieldkit", work / "fieldkit", ignore=ignore)
    shutil.copytree(REPO / "tests", work / "tests", ignore=ignore)
    shutil.copytree(REPO / "docs", work / "docs", ignore=ignore)
    shutil.copytree(REPO / "tools", work / "tools", ignore=ignore)
    shutil.copy2(REPO / "pyproject.toml", work / "pyproject.toml")
    (work / "setup.cfg").write_text(setup_cfg(package, before, timeout), encoding="utf-8")
    # tests/conftest.py finds the shared fixtures two folders above tests/; under mutants/ that
    # is the scratch folder itself
    shared = REPO.parent / "shared"
    if shared.exists():
        (work / "shared").symlink_to(shared)


def mutmut(work: Path, *args: str, capture: bool = False) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["QT_QPA_PLATFORM"] = "offscreen"
    cmd = ["nice", "-n", "10", sys.executable, "-m", "mutmut", *args]
    done = subprocess.run(cmd, cwd=work, env=env, text=True, check=False,
                          stdout=subprocess.PIPE if capture else None)
    return done.stdout or ""


def summary(work: Path) -> tuple[Counter[str], list[str]]:
    """Counts of mutants by status, and the names of the survivors."""
    counts: Counter[str] = Counter()
    survivors = []
    for line in mutmut(work, "results", "--all", "true", capture=True).splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if not sep:
            continue
        counts[status] += 1
        if status == "survived":
            survivors.append(name)
    return counts, survivors


SHOW = """import sys
from mutmut.__main__ import find_mutant, get_diff_for_mutant
for name in sys.argv[1:]:
    print(f"# {name}: survived")
    print(get_diff_for_mutant(name, path=find_mutant(name).path))
"""


def diffs(work: Path, survivors: list[str]) -> str:
    """``mutmut show`` of every survivor, in one process (one each takes seconds)."""
    if not survivors:
        return ""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, "-c", SHOW, *survivors], cwd=work, env=env,
                          text=True, check=False, stdout=subprocess.PIPE)
    return done.stdout


def stop_left_servers() -> int:
    """Stop the PostgreSQL servers that team tests started under a mutant and could not stop
    themselves (mutmut kills a worker that runs out of time, not the server it started)."""
    stopped = 0
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmd = (proc / "cmdline").read_bytes().split(b"\0")
            env = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if cmd and cmd[0].endswith(b"/postgres") and b"-D" in cmd and \
                any(e.startswith(b"MUTANT_UNDER_TEST=") for e in env):
            try:
                os.kill(int(proc.name), signal.SIGINT)  # fast shutdown
                stopped += 1
            except OSError:
                pass
    return stopped


def survivors_in(path: Path) -> list[str]:
    """The survivors a previous run wrote to its results file ("# NAME: survived" lines)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and line.endswith(": survived"):
            out.append(line[2:-len(": survived")])
    return out


def sampled(work: Path, jobs: int, k: int, only: list[str]) -> list[str]:
    """Every k-th mutant by name (of ``only``'s globs, if any): mutmut first generates them
    and maps tests to functions (a run of a name that matches nothing), then lists them."""
    mutmut(work, "run", "--max-children", str(jobs), "fieldkit.no_such_mutant*")
    names = sorted(line.strip().rpartition(": ")[0] for line in
                   mutmut(work, "results", "--all", "true", capture=True).splitlines()
                   if ": " in line)
    if only:
        names = [n for n in names if any(fnmatch.fnmatch(n, glob) for glob in only)]
    return names[::k]


def main(argv: list[str] | None = None) -> int:
    config = tomllib.loads(PACKAGES.read_text(encoding="utf-8"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("package", nargs="?", choices=sorted(config))
    parser.add_argument("--before", action="store_true",
                        help="leave out the tests/test_bite_* files (the count before them)")
    parser.add_argument("--jobs", type=int, default=1, help="mutmut workers (default 1)")
    parser.add_argument("--work", type=Path, help="scratch folder (default /tmp/...)")
    parser.add_argument("--list", action="store_true", help="list the packages and stop")
    parser.add_argument("--timeout", type=float, default=3.0, metavar="X",
                        help="stop a mutant after X times its tests' usual CPU time (3)")
    parser.add_argument("--timeout-again", action="store_true",
                        help="with --resume: run the mutants that timed out again")
    parser.add_argument("--resume", action="store_true",
                        help="keep the scratch folder and the results already in it")
    parser.add_argument("--report-only", action="store_true",
                        help="summarise the last run in the scratch folder, run nothing")
    parser.add_argument("--sample", type=int, metavar="K",
                        help="run every K-th mutant only (sorted by name), for slow packages")
    parser.add_argument("--survivors-of", metavar="RUN",
                        help="run only the survivors listed in results/RUN.txt (e.g. core-before)")
    parser.add_argument("mutants", nargs="*", help="only these mutant names or globs")
    args = parser.parse_args(argv)
    if args.list or not args.package:
        for name, package in config.items():
            print(f"{name}: {', '.join(package['mutate'])}")
        return 0
    name = args.package + ("-before" if args.before else "")
    work = args.work or Path("/tmp/fieldkit-mutation") / name
    if not args.report_only:
        if not (args.resume and work.exists()):
            prepare(work, config[args.package], args.before, args.timeout)
        else:  # the config may have changed since
            (work / "setup.cfg").write_text(
                setup_cfg(config[args.package], args.before, args.timeout), encoding="utf-8")
        names = list(args.mutants)
        if args.survivors_of:  # those of them the given globs name, if any
            names = [n for n in survivors_in(HERE / "results" / f"{args.survivors_of}.txt")
                     if not names or any(fnmatch.fnmatch(n, glob) for glob in names)]
            if not names:
                print(f"{args.survivors_of} left no survivors to run again")
                return 0
        if args.timeout_again:
            names = [line.strip().rpartition(": ")[0] for line in
                     mutmut(work, "results", "--all", "true", capture=True).splitlines()
                     if line.strip().endswith(": timeout")]
        if args.sample:
            names = sampled(work, args.jobs, args.sample, names)
        mutmut(work, "run", "--max-children", str(args.jobs), *names)
        if stop_left_servers():
            print("stopped PostgreSQL servers left by mutants that ran out of time")
    counts, survivors = summary(work)
    total = sum(counts.values())
    head = f"{name}: {total} mutants, " + ", ".join(f"{n} {s}" for s, n in counts.most_common())
    print(head)
    out = HERE / "results" / f"{name}.txt"
    out.parent.mkdir(exist_ok=True)
    out.write_text(head + "\n\n" + diffs(work, survivors), encoding="utf-8")
    print(f"survivors and their diffs: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
