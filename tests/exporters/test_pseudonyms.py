"""Pseudonyms in exports: names go, Dutch words and particles stay."""

from __future__ import annotations

from pathlib import Path

from fieldkit import Project
from fieldkit.exporters.pseudonyms import Pseudonymiser


def _project(tmp_path: Path) -> Project:
    project = Project.create(tmp_path / "P.fieldkit")
    project.store.add_participant("Kees Verhoeven", name="Monique van der Meer")
    project.store.add_participant("Daan Kuipers", name="Ilse de Wit")
    project.store.add_participant("Ahmed Kaya", name="Piotr Nowak")
    project.store.add_participant("Emre Demir", name="Ingrid Nowak")
    return project


def test_names_are_replaced_by_their_parts(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {})
        assert mask("Monique van der Meer en Monique. Van der Meer belt.") == (
            "Kees Verhoeven en Kees. Verhoeven belt.")
        assert mask("ilse de wit, Ilse, De Wit") == "Daan Kuipers, Daan, Kuipers"
        # two participants share the surname: it cannot say who is meant
        assert mask("Nowak zegt het") == "[name] zegt het"


def test_dutch_words_and_particles_are_left_alone(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {})
        text = ("Het werk van de operator is meer dan de helft; de wit gelakte kast. "
                "Meer weten? Vraag het in januari aan de ploeg van der Heijden.")
        assert mask(text) == text


def test_a_pseudonym_is_not_replaced_again(tmp_path: Path) -> None:
    with _project(tmp_path) as project:
        mask = Pseudonymiser.for_project(project, {"Kees": "Collega K"})
        assert mask("Monique van der Meer") == "Kees Verhoeven"
