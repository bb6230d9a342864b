"""Merging the analyst's workbench: sets, memo details, memo links and saved coding queries.

Called by ``team.merge`` after documents, codes and codings are in, so every member and link
target can be found by UUID. Sets match by UUID, else by name and kind; their members are added
to ours (a set never loses members in a merge). Links match by UUID, else by what they join;
memo details are taken only where ours has none; saved queries match by name, ours kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldkit.storage import workbench_tables as wb

if TYPE_CHECKING:
    from fieldkit.storage.store import Store


def merge_workbench(ours: Store, theirs: Store, documents: dict[int, int],
                    codes: dict[int, int]) -> tuple[int, int]:
    """Bring in their sets, memo details, links and saved queries; returns (sets, links)
    added (a set counts when it is new or gained members). A copy from before sets existed
    (opened read-only, so not upgraded) has none to bring."""
    if not wb.present(theirs):
        return 0, 0
    sets = _merge_sets(ours, theirs, documents, codes)
    for row in wb.memo_details(theirs):
        doc = documents.get(row["document_id"])
        if doc is not None and not wb.has_memo_details(ours, doc):
            wb.set_memo_info(ours, doc, {k: row[k] for k in ("type", "author", "date")})
    links = 0
    for row in wb.links_from(theirs):
        if ours.id_by_uuid("links", row["uuid"]) is not None:
            continue
        source = documents.get(row["from_document_id"])
        target = _target(ours, theirs, row, documents, codes)
        if source is None or target is None:
            continue
        before = len(wb.links_from(ours, source))
        wb.add_link(ours, source, target[0], target[1], row["relation"], row["uuid"])
        links += len(wb.links_from(ours, source)) - before
    have = {r["name"].casefold() for r in wb.saved_queries(ours)}
    for row in wb.saved_queries(theirs):
        if row["name"].casefold() not in have:
            wb.save_query(ours, row["name"], row["expression"])
    return sets, links


def _merge_sets(ours: Store, theirs: Store, documents: dict[int, int],
                codes: dict[int, int]) -> int:
    changed = 0
    for row in wb.sets(theirs):
        mapping = documents if row["kind"] == "documents" else codes
        members = [mapping[m] for m in wb.set_members(theirs, row["id"], row["kind"])
                   if m in mapping]
        key = ours.id_by_uuid("sets", row["uuid"])
        if key is None:
            found = wb.set_named(ours, row["name"])
            if found is not None and found["kind"] == row["kind"]:
                key = found["id"]
            elif members:
                name = row["name"] if found is None else f"{row['name']} ({row['kind']})"
                wb.add_set(ours, name, row["kind"], members, row["description"], row["uuid"])
                changed += 1
                continue
        if key is not None and wb.add_members(ours, key, row["kind"], members):
            changed += 1
    return changed


def _target(ours: Store, theirs: Store, row: object, documents: dict[int, int],
            codes: dict[int, int]) -> tuple[str, int] | None:
    link = dict(row)  # type: ignore[call-overload]
    if link["document_id"] is not None:
        doc = documents.get(link["document_id"])
        return None if doc is None else ("document", doc)
    if link["code_id"] is not None:
        code = codes.get(link["code_id"])
        return None if code is None else ("code", code)
    uuid = theirs.uuid_of("codings", link["coding_id"])
    coding = ours.id_by_uuid("codings", uuid) if uuid else None
    return None if coding is None else ("coding", coding)
