"""REFI-QDA cases and variables → plain data, in the shapes NVivo, ATLAS.ti, MAXQDA and
QualCoder write them (``refi.read_qdpx`` calls this after the sources are read).

- ``<Variables>``: every ``<Variable>`` becomes a typed attribute definition. Integer and Float
  → number (a value written without a decimal point stays a whole number), Boolean → boolean,
  Date → date, DateTime → date when every value is at midnight (else text, nothing dropped),
  Text → a closed list when its Description lists ``Choices:`` (what fieldkit writes), text when
  fieldkit wrote the project, else the type ``infer_type`` finds in its values. A value that
  does not fit its declared type makes the variable text (every value kept as written).
- ``<Case name=…>`` with ``SourceRef`` (whole documents), ``SelectionRef`` (a text selection
  → a part of its document; a picture or time selection → its whole document, with a warning)
  and ``VariableValue``s → a case.
- A ``<Case>`` without a name holding one ``SourceRef`` (MAXQDA, Quirkos): its values are the
  variables of that source, not a case.
- A document group of ATLAS.ti named ``NAME::VALUE`` (a ``<Set>``): the value of attribute
  NAME for each of its documents (the group stays a document set).
- A case that is also a code (NVivo writes a case node into the codebook with the case's GUID,
  or the case names it by ``CodeRef``): the codings of that code become the case's members
  (a coding of the whole text → the document, else a part) and the code leaves the codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fieldkit.core.attributes import infer_type, parse_value
from fieldkit.core.errors import BadInput

if TYPE_CHECKING:
    from .refi import RefiCode, RefiProject, RefiSource

#: How a Text variable's Description lists the values of a closed list (one per line).
CHOICES_LABEL = "Choices:"
REFI_TYPES = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")
_VALUE_TAGS = {f"{kind}Value": kind for kind in REFI_TYPES}
_WHOLE = re.compile(r"[+-]?\d+")
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2})?")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:Z|[+-]\d{2}:\d{2})?")


@dataclass
class RefiVariable:
    """A ``<Variable>``: its declared REFI type, and the attribute type it becomes."""

    guid: str
    name: str
    refi_type: str
    description: str = ""
    type: str = "text"  # fieldkit's: text, number, date, boolean, choice
    choices: list[str] = field(default_factory=list)


@dataclass
class RefiCasePart:
    """A part of a source's text that belongs to a case (code points, half-open)."""

    guid: str  # the selection's GUID ("" when it came from a coding)
    source_guid: str
    start: int
    end: int


@dataclass
class RawValue:
    """A ``VariableValue`` as written: the value element's type and its text."""

    kind: str
    text: str


def fact_variables() -> frozenset[str]:
    """The variables in which fieldkit writes a document's facts (its kind, site, visit date,
    participant, recording): stored as those facts, never as attributes."""
    from fieldkit.exporters.refi_recordings import VAR_OFFSET, VAR_RECORDING
    from fieldkit.exporters.refi_writer import FACT_VARIABLES

    return frozenset({*FACT_VARIABLES, VAR_RECORDING, VAR_OFFSET})


def choices_description(choices: list[str]) -> str:
    """The Description of a closed list's Text variable: ``Choices:`` and one value a line."""
    return "\n".join([CHOICES_LABEL, *choices])


def read_choices(description: str) -> list[str] | None:
    """The values a Description written by ``choices_description`` lists, else None."""
    lines = description.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != CHOICES_LABEL:
        return None
    return [line.strip() for line in lines[1:] if line.strip()]


# -- reading -----------------------------------------------------------------------------------


def read_variables(root: Any, warnings: list[str]) -> dict[str, RefiVariable]:
    """Every ``<Variable>`` by GUID; a name used twice gets " (2)", " (3)" …"""
    from .refi import _first_text, _kids, _local, guid

    found: dict[str, RefiVariable] = {}
    facts = fact_variables()
    names: set[str] = set()
    for holder in (c for c in root if _local(c.tag) == "Variables"):
        for element in _kids(holder, "Variable"):
            key, name = guid(element.get("guid")), (element.get("name") or "").strip()
            if not key or not name or key in found:
                warnings.append(f"Skipped variable '{name}': its name or GUID is missing or "
                                "its GUID is used twice.")
                continue
            unique, n = name, 2
            while unique.casefold() in names or (unique != name and unique in facts):
                unique, n = f"{name} ({n})", n + 1
            if unique not in facts:  # facts become sites, visits …, not attributes
                names.add(unique.casefold())
            kind = element.get("typeOfVariable") or "Text"
            found[key] = RefiVariable(key, unique, kind if kind in REFI_TYPES else "Text",
                                      _first_text(element, "Description"))
    return found


def raw_values(element: Any, variables: dict[str, RefiVariable]) -> dict[str, RawValue]:
    """The ``VariableValue``s of a source or case by variable name, as written (typed later by
    ``settle_variables``); a value of an unknown variable is left out."""
    from .refi import _kids, _local, guid

    values: dict[str, RawValue] = {}
    for holder in _kids(element, "VariableValue"):
        refs = _kids(holder, "VariableRef")
        variable = variables.get(guid(refs[0].get("targetGUID"))) if refs else None
        if variable is None:
            continue
        for child in holder:
            kind = _VALUE_TAGS.get(_local(child.tag))
            if kind is not None and (child.text or "").strip():
                values[variable.name] = RawValue(kind, (child.text or "").strip())
    return values


def read_cases(root: Any, project: RefiProject, variables: dict[str, RefiVariable]) -> None:
    """Fill ``project.cases`` from ``<Cases>`` (see the module's docstring for the shapes)."""
    from .refi import RefiCase, _first_text, _kids, _local, guid

    sources = {s.guid: s for s in [*project.sources, *project.notes.values()]}
    seen: set[str] = set()
    for holder in (c for c in root if _local(c.tag) == "Cases"):
        for element in _kids(holder, "Case"):
            key, name = guid(element.get("guid")), (element.get("name") or "").strip()
            refs = {tag: [guid(r.get("targetGUID")) for r in _kids(element, tag)]
                    for tag in ("SourceRef", "SelectionRef", "CodeRef")}
            values = raw_values(element, variables)
            if not name and len(refs["SourceRef"]) == 1 and not refs["SelectionRef"] \
                    and not refs["CodeRef"] and key not in _code_guids(project.codes):
                _source_values(sources, refs["SourceRef"][0], values, project.warnings)
                continue
            if not key or key in seen:
                project.warnings.append(f"Skipped case '{name}': its GUID is missing or used "
                                        "twice.")
                continue
            seen.add(key)
            case = RefiCase(key, name or f"Case {len(project.cases) + 1}",
                            _first_text(element, "Description"),
                            [g for g in dict.fromkeys(refs["SourceRef"])], dict(values))
            _selection_members(case, refs["SelectionRef"], project)
            _code_members(case, [key, *refs["CodeRef"]], project)
            project.cases.append(case)


def _source_values(sources: dict[str, RefiSource], source_guid: str,
                   values: dict[str, RawValue], warnings: list[str]) -> None:
    """A nameless case of one source (MAXQDA, Quirkos): its values are the source's."""
    source = sources.get(source_guid)
    if source is None:
        if values:
            warnings.append(f"Left out the variables of source {source_guid}, which is not in "
                            "the project.")
        return
    for name, value in values.items():
        source.variables.setdefault(name, value)


def _selection_members(case: Any, selection_guids: list[str], project: RefiProject) -> None:
    """SelectionRefs: a text selection is a part; another selection its whole source."""
    for key in dict.fromkeys(selection_guids):
        found = project.selections.get(key)
        if found is None:
            project.warnings.append(f"Case '{case.name}': left out selection {key}, which is "
                                    "not in the project.")
            continue
        source_guid, start, end = found
        if start is None or end is None:
            project.warnings.append(f"Case '{case.name}': a selection that is not text made "
                                    "its whole source a member.")
            _add_source(case, source_guid)
        elif start < end:
            case.parts.append(RefiCasePart(key, source_guid, start, end))
        else:
            project.warnings.append(f"Case '{case.name}': left out selection {key}, which "
                                    "holds no text.")


def _add_source(case: Any, source_guid: str) -> None:
    if source_guid not in case.source_guids:
        case.source_guids.append(source_guid)


def _code_guids(codes: list[RefiCode]) -> set[str]:
    out: set[str] = set()
    for code in codes:
        out.add(code.guid)
        out |= _code_guids(code.children)
    return out


def _code_members(case: Any, code_guids: list[str], project: RefiProject) -> None:
    """NVivo's case nodes: the codings of the case's code become its members; the code goes."""
    known = _code_guids(project.codes)
    wanted = {g for g in code_guids if g in known}
    if not wanted:
        return
    for source in [*project.sources, *project.notes.values()]:
        kept = []
        for coding in source.codings:
            if coding.code_guid not in wanted:
                kept.append(coding)
            elif coding.start is not None and coding.end is not None and not (
                    coding.start == 0 and coding.end == len(source.text)):
                case.parts.append(RefiCasePart("", source.guid, coding.start, coding.end))
            else:
                _add_source(case, source.guid)
        source.codings = kept
    names = _remove_codes(project.codes, wanted)
    for name in names:
        project.warnings.append(f"Code '{name}' stands for case '{case.name}': its codings "
                                "became the case's members and it left the codebook.")


def _remove_codes(codes: list[RefiCode], wanted: set[str]) -> list[str]:
    """Take the codes ``wanted`` out of the tree (their children take their place)."""
    removed: list[str] = []
    index = 0
    while index < len(codes):
        code = codes[index]
        if code.guid in wanted:
            removed.append(code.name)
            codes[index:index + 1] = code.children
            continue
        removed += _remove_codes(code.children, wanted)
        index += 1
    return removed


def group_values(project: RefiProject, variables: dict[str, RefiVariable]) -> None:
    """ATLAS.ti keeps attributes as document groups named ``NAME::VALUE`` (written as
    ``<Set>``s): each member source gets the value (the groups stay document sets too)."""
    from fieldkit.core.model import derived_uuid

    if project.origin.startswith("fieldkit"):
        return  # fieldkit writes its attributes as variables; its sets are only sets
    sources = {s.guid: s for s in [*project.sources, *project.notes.values()]}
    by_name = {v.name.casefold(): v for v in variables.values()}
    for item in project.sets:
        name, _, value = (part.strip() for part in item.name.partition("::"))
        members = [sources[g] for g in item.source_guids if g in sources]
        if not (name and value and members):
            continue
        variable = by_name.get(name.casefold())
        if variable is None:
            variable = RefiVariable(derived_uuid("variable", name), name, "Text")
            variables[variable.guid] = by_name[name.casefold()] = variable
        for source in members:
            held = source.variables.get(variable.name)
            if held is None:
                source.variables[variable.name] = RawValue("Text", value)
            elif isinstance(held, RawValue) and held.text != value:
                project.warnings.append(f"'{source.name}' is in the groups "
                                        f"'{name}::{held.text}' and '{item.name}': it keeps "
                                        f"{name} = {held.text}.")


# -- typing the values -------------------------------------------------------------------------


def settle_variables(project: RefiProject, variables: dict[str, RefiVariable]) -> None:
    """Decide each variable's attribute type from its declaration and its values, and turn the
    raw values on sources and cases into typed ones (``project.variables`` by name)."""
    holders = [s.variables for s in [*project.sources, *project.notes.values()]]
    holders += [c.variables for c in project.cases]
    ours = project.origin.startswith("fieldkit")
    for variable in variables.values():
        raws = [h[variable.name] for h in holders if isinstance(h.get(variable.name), RawValue)]
        typed = _typed(variable, raws, ours)
        if typed is None:  # a value does not fit: text, every value as written
            variable.type, variable.choices = "text", []
            typed = [raw.text for raw in raws]
        converted = dict(zip(map(id, raws), typed, strict=True))
        for holder in holders:
            raw = holder.get(variable.name)
            if isinstance(raw, RawValue):
                holder[variable.name] = converted[id(raw)]
        project.variables[variable.name] = variable


def _typed(variable: RefiVariable, raws: list[RawValue], ours: bool) -> list[Any] | None:
    """The typed values (setting ``variable.type``), or None when one does not fit."""
    kind = variable.refi_type
    texts = [raw.text for raw in raws]
    if kind in ("Integer", "Float"):
        variable.type = "number"
        return _all(texts, _number)
    if kind == "Boolean":
        variable.type = "boolean"
        return _all(texts, _boolean)
    if kind in ("Date", "DateTime"):
        variable.type = "date"
        return _all(texts, _date if kind == "Date" else _midnight)
    choices = read_choices(variable.description)
    if choices is not None:
        variable.type = "choice"
        variable.choices = choices + sorted(set(texts) - set(choices))
        return texts
    if ours or not texts:
        variable.type = "text"
        return texts
    variable.type, variable.choices = infer_type(texts)
    try:
        return [parse_value(variable.name, variable.type, t, variable.choices) for t in texts]
    except BadInput:
        return None


def _all(texts: list[str], parse: Any) -> list[Any] | None:
    out = [parse(text) for text in texts]
    return None if any(value is None for value in out) else out


def _number(text: str) -> int | float | None:
    if _WHOLE.fullmatch(text):
        return int(text)
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _boolean(text: str) -> bool | None:
    return {"true": True, "1": True, "false": False, "0": False}.get(text.lower())


def _date(text: str) -> str | None:
    match = _DATE.fullmatch(text)
    return match.group(1) if match else None


def _midnight(text: str) -> str | None:
    match = _DATETIME.fullmatch(text)
    if match is None:
        return _date(text)
    return match.group(1) if float(match.group(2).replace(":", "")) == 0 else None
