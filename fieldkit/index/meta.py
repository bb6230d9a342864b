"""Filter words: what the index knows about each text besides its words.

Every index row carries a few made-up words in its ``meta`` column, so that the filters
``site:``, ``kind:``, ``after:`` and ``before:`` become part of the FTS5 MATCH and are answered
from the index (no join with ``documents``, no reading of texts):

- ``f<field>``: ``ftext``, ``fcaption``, ``fmemo``, ``fcodingmemo``, ``fcode``;
- ``k<kind>``: the kind a hit counts as (memos and coding memos are ``kmemo``, codes ``kcode``);
- ``s<site id>``;
- what a row is about: ``c<code id>`` and ``r<coder id>`` on coded segments and coding memos,
  ``p<person>`` on speaker turns and the texts of a participant (``regions.person_word``);
- the date at six grains: ``dt2`` (millennium), ``dk20`` (century), ``dc202`` (decade),
  ``dy2026``, ``dm202603`` and ``dd20260302``, so any date range is a short OR of whole
  millennia, centuries, decades, years, months and days.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

FIRST, LAST = date(1, 1, 1), date(9999, 12, 31)


@lru_cache(maxsize=4096)  # every region of a document has the same (a text has a thousand)
def row_words(field: str | None, kind: str | None, site_id: int | None,
              day: str | None) -> str:
    """SQL ``fk_meta(field, kind, site_id, date)``: the filter words of one index row."""
    field = field or ""
    out = ["f" + field.replace(" ", "")]
    if field in ("memo", "coding memo"):
        out.append("kmemo")
    elif field == "code":
        out.append("kcode")
    elif kind:
        out.append("k" + kind)
    if site_id is not None:
        out.append(f"s{int(site_id)}")
    if day:
        try:
            d = date.fromisoformat(str(day)[:10])
        except ValueError:
            d = None
        if d is not None:
            y = f"{d.year:04d}"
            out += [f"dt{y[:1]}", f"dk{y[:2]}", f"dc{y[:3]}", f"dy{y}", f"dm{y}{d.month:02d}",
                    f"dd{y}{d.month:02d}{d.day:02d}"]
    return " ".join(out)


def filter_words(field: str | None, kind: str | None, site_id: int | None, day: str | None,
                 extra: str | None) -> str:
    """SQL ``fk_filters(field, kind, site_id, date, extra)``: ``row_words`` and ``extra``, the
    words of what the row is about (``c<code> r<coder>``, ``p<person>``)."""
    words = row_words(field, kind, site_id, day)
    return f"{words} {extra}" if extra else words


def _next_year(d: date, years: int) -> date | None:
    try:
        return date(d.year + years, 1, 1)
    except ValueError:
        return None  # past 9999


def date_words(after: str | None, before: str | None) -> list[str]:
    """The fewest date words that cover ``after <= day < before`` (ISO dates, either open)."""
    d: date | None = date.fromisoformat(after) if after else FIRST
    hi = date.fromisoformat(before) if before else None  # None: to the end of time

    def fits(end: date | None) -> bool:  # [d, end) lies inside the range (None: past 9999)
        return hi is None or (end is not None and end <= hi)

    out: list[str] = []
    while d is not None and (hi is None or d < hi):
        y = f"{d.year:04d}"
        if d.month == 1 and d.day == 1:
            for span, word in ((1000, f"dt{y[:1]}"), (100, f"dk{y[:2]}"), (10, f"dc{y[:3]}"),
                               (1, f"dy{y}")):
                end = _next_year(d, span)
                if d.year % span == 0 and fits(end):
                    out.append(word)
                    break
            else:
                end = d
            if end != d:
                d = end
                continue
        if d.day == 1:
            end = (date(d.year, d.month + 1, 1) if d.month < 12
                   else _next_year(d, 1))
            if fits(end):
                out.append(f"dm{y}{d.month:02d}")
                d = end
                continue
        out.append(f"dd{y}{d.month:02d}{d.day:02d}")
        d = d + timedelta(days=1) if d < LAST else None
    return out
