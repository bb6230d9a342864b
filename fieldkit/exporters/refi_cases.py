"""Cases and typed variables in a REFI-QDA project (``refi_writer.project_archive`` calls this).

Every attribute definition becomes a ``<Variable>`` (its GUID is the definition's UUID, so an
export imported again keeps it; a name in use without a definition gets a GUID derived from
the name and the type its values show): number → Integer when every value is a whole number, else
Float (written as a plain decimal, as ``xsd:decimal`` wants); date → Date; boolean → Boolean;
text and choice → Text, a closed list naming its choices in the Description (``Choices:`` and
one a line; the schema has no other place, and fieldkit's importer reads it back). A value that
does not fit its definition's type makes that variable Text, so the file stays valid.

Each case is a ``<Case>`` with its values, a ``SourceRef`` per document (those of its
participants too: other programs know no participants) and a ``SelectionRef`` per part. A
part is written as a ``PlainTextSelection`` without a coding in its document's text source
(the schema allows a selection that carries no coding), under a GUID derived from the case,
the document and the span (``part_guid``).

QualCoder's importer (run on this export) takes every case with its description and values
(Integer and Float as numeric, the rest as text), but reads neither SourceRefs of named cases
nor SelectionRefs; it keeps an uncoded selection as an annotation of its Description, so each
part's selection is described "Case: NAME" (MAXQDA reads it as a comment the same way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from fieldkit.core.model import derived_uuid

if TYPE_CHECKING:
    from fieldkit.exporters.refi_writer import _Export
    from fieldkit.project import DocumentSummary, Project

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TAGS = {"Text": "TextValue", "Boolean": "BooleanValue", "Integer": "IntegerValue",
         "Float": "FloatValue", "Date": "DateValue"}


@dataclass
class PlannedVariable:
    """How one attribute is written: its GUID, REFI type and Description."""

    guid: str
    name: str
    kind: str
    description: str = ""


@dataclass
class CasePlan:
    """The variables of the defined attributes, and the case parts by document id."""

    variables: dict[str, PlannedVariable] = field(default_factory=dict)  # by name, in order
    # document id → (selection GUID, start, end, case name) of its parts
    parts: dict[int, list[tuple[str, int, int, str]]] = field(default_factory=dict)


def plan(project: Project) -> CasePlan:
    """The Variables every defined attribute becomes, typed by its values, and every case
    part's selection GUID by its document."""
    from fieldkit.importers.refi_cases import choices_description, fact_variables

    facts = fact_variables()
    values: dict[str, list[Any]] = {}
    for kind in ("cases", "documents"):
        for held in project.attributes.values(kind).values():
            for name, value in held.items():
                values.setdefault(name.casefold(), []).append(value)
    out = CasePlan()
    for item in project.attributes.all():  # definitions in order, then names in use
        found = values.get(item.name.casefold(), [])
        if item.name in facts or not (item.defined or any(map(_is_scalar, found))):
            continue  # a fact has its own variable; participants' values have no place
        kind = _kind(item.type, found)
        description = choices_description(item.choices) \
            if item.type == "choice" and kind == "Text" else ""
        guid = item.uuid or derived_uuid("variable", item.name)
        out.variables[item.name] = PlannedVariable(guid, item.name, kind, description)
    doc_guid = {d.id: d.uuid for d in project.documents()}
    for case in project.cases.all():
        for doc_id, start, end in case.parts:
            key = part_guid(case.uuid, doc_guid[doc_id], start, end)
            out.parts.setdefault(doc_id, []).append((key, start, end, case.name))
    for spans in out.parts.values():
        spans.sort(key=lambda p: (p[1], p[2], p[0]))
    return out


def part_guid(case_uuid: str, doc_uuid: str, start: int, end: int) -> str:
    """A part's selection GUID, derived from its case, its document and its span (the same in
    every export; an imported part keeps it as its UUID, and a merge matches parts by span)."""
    return derived_uuid(case_uuid, "part", f"{doc_uuid}:{start}:{end}")


def _kind(type_: str, values: list[Any]) -> str:
    """The REFI type an attribute of ``type_`` with these values is written as."""
    if type_ == "number" and all(_is_number(v) for v in values):
        return "Integer" if all(isinstance(v, int) for v in values) else "Float"
    if type_ == "boolean" and all(isinstance(v, bool) for v in values):
        return "Boolean"
    if type_ == "date" and all(isinstance(v, str) and _ISO_DATE.fullmatch(v) for v in values):
        return "Date"
    return "Text"


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) \
        and value == value and abs(value) != float("inf")


def typed_text(kind: str, value: Any) -> tuple[str, str]:
    """The value element's tag and text for a value of a variable of REFI type ``kind``."""
    from fieldkit.core.attributes import display

    if kind == "Boolean":
        return "BooleanValue", "true" if value else "false"
    if kind == "Integer":
        return "IntegerValue", str(int(value))
    if kind == "Float":
        text = str(value) if isinstance(value, int) else format(Decimal(repr(value)), "f")
        return "FloatValue", text
    if kind == "Date":
        return "DateValue", str(value)
    return "TextValue", value if isinstance(value, str) else display(value)


def cases_element(project: Project, documents: list[DocumentSummary], export: _Export) -> Any:
    """``<Cases>``, or None when the project has none."""
    from lxml import etree

    from fieldkit.exporters.refi_writer import (
        PROJECT_NS,
        _simple_attributes,
        _sub,
        _text,
        _variable_values,
    )

    cases = project.cases.all()
    if not cases:
        return None
    holder = etree.Element(f"{{{PROJECT_NS}}}Cases")
    doc_guid = {d.id: d.uuid for d in documents}
    pseudonyms = {p.id: p.pseudonym for p in project.participants()}
    by_participant: dict[str, list[int]] = {}
    for summary in documents:
        if summary.participant is not None:
            by_participant.setdefault(summary.participant, []).append(summary.id)
    for case in cases:
        element = _sub(holder, "Case", guid=case.uuid, name=case.name)
        if case.description.strip():
            _text(element, "Description", case.description)
        _variable_values(element, _simple_attributes(case.attributes), export)
        members = set(case.documents)
        for person in case.participants:
            members.update(by_participant.get(pseudonyms.get(person, ""), []))
        for doc_id in sorted(members):
            _sub(element, "SourceRef", targetGUID=doc_guid[doc_id])
        for doc_id, start, end in sorted(case.parts, key=lambda p: (doc_guid[p[0]], p[1], p[2])):
            _sub(element, "SelectionRef",
                 targetGUID=part_guid(case.uuid, doc_guid[doc_id], start, end))
    return holder


def variables_element(export: _Export) -> Any:
    """``<Variables>``: the documents' facts (by name), then every attribute in its order
    (definitions, then names in use without one); None when there is none."""
    from lxml import etree

    from fieldkit.exporters.refi_writer import PROJECT_NS, _sub, _text, derived_guid

    planned = export.plan.variables
    facts = sorted((n, k) for n, k in export.variables.items() if n not in planned)
    if not facts and not planned:
        return None
    holder = etree.Element(f"{{{PROJECT_NS}}}Variables")
    for name, kind in facts:
        _sub(holder, "Variable", guid=derived_guid("variable", name), name=name,
             typeOfVariable=kind)
    for item in planned.values():
        element = _sub(holder, "Variable", guid=item.guid, name=item.name,
                       typeOfVariable=item.kind)
        if item.description:
            _text(element, "Description", item.description)
    return holder


def part_selections(parent: Any, doc_id: int, export: _Export) -> None:
    """The document's case parts as selections without a coding, each described by its case
    (what QualCoder and MAXQDA show of it: they read such a selection as a comment)."""
    from fieldkit.exporters.refi_writer import _sub, _text

    for key, start, end, case in export.plan.parts.get(doc_id, []):
        element = _sub(parent, "PlainTextSelection", guid=key, startPosition=str(start),
                       endPosition=str(end), **export.stamp(None))
        _text(element, "Description", f"Case: {case}")
