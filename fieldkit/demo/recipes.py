"""The demo recipes: codebook, sites, names and sentence families (``resources/demo/``,
shipped in the package as ``fieldkit.resources``).

Loaded and compiled once per process; the generator only reads them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from fieldkit.demo.study import DemoCode
from fieldkit.demo.templates import Compiled, compile_template
from fieldkit.resources import resource

NL, EN = 0, 1  # index into the [Dutch, English] pairs of the slot banks


@dataclass(frozen=True, slots=True)
class SiteRecipe:
    name: str
    description: str
    departments: tuple[str, ...]
    roles: tuple[str, ...]
    shifts: tuple[str, ...]
    banks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]  # slot -> (Dutch, English)


@dataclass(frozen=True, slots=True)
class Recipes:
    codes: tuple[DemoCode, ...]
    sites: tuple[SiteRecipe, ...]
    people: dict[str, Any]
    banks: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    # code path -> register ("speech", "note_nl", "note_en") -> templates
    families: dict[str, dict[str, tuple[Compiled, ...]]]
    fillers: dict[str, tuple[Compiled, ...]]
    interview: dict[str, Any]
    esm: dict[str, Any]
    photo_scenes: tuple[dict[str, Any], ...]

    @property
    def leaf_codes(self) -> tuple[str, ...]:
        return tuple(self.families)


def _load(name: str) -> Any:
    return json.loads(resource("demo", name).read_text(encoding="utf-8"))


def _pairs(rows: list[list[str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(r[NL] for r in rows), tuple(r[EN] for r in rows)


def _compile_all(rows: list[str]) -> tuple[Compiled, ...]:
    return tuple(compile_template(r) for r in rows)


@lru_cache(maxsize=1)
def load_recipes() -> Recipes:
    codebook = _load("codebook.json")
    codes = tuple(DemoCode(**c) for c in codebook["codes"])
    sites = tuple(
        SiteRecipe(
            name=s["name"],
            description=s["description"],
            departments=tuple(s["departments"]),
            roles=tuple(s["roles"]),
            shifts=tuple(s["shifts"]),
            banks={k: _pairs(s[k]) for k in ("machine", "newtech", "digital", "product",
                                               "problem", "part")},
        )
        for s in _load("sites.json")["sites"]
    )
    fam = _load("families.json")
    families = {
        path: {register: _compile_all(rows) for register, rows in registers.items()}
        for path, registers in fam["families"].items()
    }
    known = {c.path for c in codes}
    unknown = set(families) - known
    if unknown:
        raise ValueError(f"sentence families for codes not in the codebook: {sorted(unknown)}")
    fillers = {k: _compile_all(v) for k, v in _load("fillers.json").items() if k != "about"}
    interview = _load("interview.json")
    for key in ("opening", "intro_answer"):
        interview[key] = _compile_all(interview[key])
    photos = tuple(_load("photos.json")["scenes"])
    for scene in photos:
        scene["caption"] = compile_template(scene["caption_nl"])
        region_codes = {r["code"] for r in scene.get("regions", ())}
        if region_codes - known:
            raise ValueError(f"photo regions coded with codes not in the codebook: "
                             f"{sorted(region_codes - known)}")
    return Recipes(
        codes=codes,
        sites=sites,
        people=_load("people.json"),
        banks={k: _pairs(v) for k, v in fam["banks"].items()},
        families=families,
        fillers=fillers,
        interview=interview,
        esm=_load("esm.json"),
        photo_scenes=photos,
    )
