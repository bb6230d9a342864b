from __future__ import annotations

import random

import pytest

from fieldkit.demo.recipes import load_recipes
from fieldkit.demo.templates import TemplateError, compile_template, render


def test_alternatives_slots_and_nesting() -> None:
    t = compile_template("{Toen|Laatst} hielp {colleague} me{| even} met {de {machine}|alles}.")
    rng = random.Random(1)
    seen = {render(t, {"colleague": ["Kees"], "machine": ["kantbank"]}, rng) for _ in range(200)}
    assert "Toen hielp Kees me met de kantbank." in seen
    assert "Laatst hielp Kees me even met alles." in seen
    assert all("  " not in s for s in seen)


def test_sentences_are_capitalised() -> None:
    t = compile_template("{expert} komt kijken.")
    assert render(t, {"expert": ["de monteur"]}, random.Random(0)) == "De monteur komt kijken."


@pytest.mark.parametrize("bad", ["{open", "close}", "a|b", "{x|{y}"])
def test_broken_templates_are_refused(bad: str) -> None:
    with pytest.raises(TemplateError):
        compile_template(bad)


def test_every_recipe_template_renders() -> None:
    recipes = load_recipes()
    site = recipes.sites[0]
    slots: dict[str, tuple[str, ...] | list[str]] = {k: v[0] for k, v in site.banks.items()}
    slots.update({k: v[0] for k, v in recipes.banks.items()})
    slots.update(colleague=["Kees"], worker=["Sanne"], dept=["Kanterij"], site=[site.name],
                 codeA=["A"], codeB=["B"], realfirst=["Marloes"], tenure=["3"], role=["lasser"],
                 shift=["dagdienst"])
    rng = random.Random(3)
    for registers in recipes.families.values():
        assert set(registers) == {"speech", "note_nl", "note_en"}
        for templates in registers.values():
            assert len(templates) >= 3
            for t in templates:
                s = render(t, slots, rng)
                assert s == s.strip() and (s[0].isupper() or s.startswith("'s "))
                assert s[-1] in ".!?", s


def test_the_interview_guide_asks_about_every_code() -> None:
    recipes = load_recipes()
    assert set(recipes.interview["questions"]) == set(recipes.leaf_codes)
