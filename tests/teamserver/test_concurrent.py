"""Three replicas in three processes coding, editing and restructuring at the same time, each
syncing whenever it likes: afterwards all three are identical."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fieldkit.project import Project

CHILD = r"""
import importlib.util, random, sys
from fieldkit.project import Project

spec = importlib.util.spec_from_file_location("work", sys.argv[1])
work = importlib.util.module_from_spec(spec)
spec.loader.exec_module(work)
folder, seed, lead = sys.argv[2], int(sys.argv[3]), sys.argv[4] == "lead"
rng = random.Random(seed)
with Project.open(folder) as p:
    for _ in range(6):
        work._random_work(p, rng, lead=lead, steps=6)
        p.team.sync()
print("done")
"""


def test_three_processes_at_once_converge(replicas) -> None:
    team, lead, anna, bram = replicas
    folders = [(lead.path, "lead"), (anna.path, "coder"), (bram.path, "coder")]
    for p in (lead, anna, bram):
        p.close()
    work = Path(__file__).with_name("test_convergence.py")
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(work), str(folder),
                                  str(seed), role], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
                for seed, (folder, role) in enumerate(folders)]
    for child in children:
        out, err = child.communicate(timeout=240)
        assert child.returncode == 0 and out.strip() == "done", err[-3000:]
    opened = [Project.open(folder) for folder, _ in folders]
    try:
        for _ in range(2):
            for p in opened:
                p.team.sync()
        dumps = [p.team.canonical() for p in opened]
        assert dumps[0] == dumps[1] == dumps[2]
        assert sum(len(rows) for rows in dumps[0].values()) > 0
        members = {m.name: m.change_sets for m in opened[0].team.members()}
        assert all(members[name] > 0 for name in (team.lead, f"anna{team.db}",
                                                  f"bram{team.db}"))  # all three worked
        assert all(p.team.status().to_send == 0 for p in opened)
    finally:
        for p in opened:
            p.close()
