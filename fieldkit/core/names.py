"""One rule for names, wherever a name enters: typed (command line, app) or read from a file.

A name is one line of visible text. Line breaks, tabs and other control characters would break
every listing that prints it (``fieldkit docs`` is one row a document), and direction overrides
(U+202E …) would make it read differently from what it is. So:

* a name a person types (``check_name``) is refused, in one line, when it holds any of those,
  is empty, or is longer than its limit; runs of spaces become one space;
* a name a file brings (``tidy_name``: a file name that becomes a document title, a code or
  coder name in a REFI-QDA file) is made acceptable instead: white space folded to one space,
  control and direction characters dropped, cut at the limit (the file is not the person's to
  fix there and then);
* a code path has at most ``MAX_CODE_LEVELS`` levels, the same when a code is added or moved as
  when a codebook or project is read: fieldkit never writes what it would refuse to read back.
"""

from __future__ import annotations

import unicodedata

from fieldkit.core.errors import BadInput

#: Longest code name and coder name accepted (other QDA tools cut names near 255 characters).
CODE_NAME_MAX = 200
CODER_NAME_MAX = 100
#: Longest document title, and site name.
TITLE_MAX = 300
SITE_NAME_MAX = 200
#: How deep a code tree may nest. Real codebooks stay within a handful of levels; a file that
#: nests thousands deep (a broken export, or a hostile one) is refused, not walked.
MAX_CODE_LEVELS = 64
#: Direction overrides, embeddings, isolates and marks: they make a name read differently from
#: what it is (the "Trojan source" trick).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                          "\u200e\u200f\u061c")


def _unwanted(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp") or ch in BIDI_CONTROLS


def check_name(name: str, what: str, limit: int) -> str:
    """A name as typed, made one line: surrounding spaces off and runs of spaces folded to
    one; refused (``BadInput``) when empty, longer than ``limit`` or holding a line break, tab,
    other control character or direction override."""
    if any(_unwanted(ch) for ch in name):
        raise BadInput(f"A {what} name cannot hold line breaks, tabs, control characters or "
                       f"direction overrides: {name!r}.")
    name = " ".join(part for part in name.split(" ") if part)
    if not name:
        raise BadInput(f"A {what} needs a name.")
    if len(name) > limit:
        raise BadInput(f"A {what} name can be at most {limit} characters, not {len(name)}.")
    return name


def check_title(title: str, what: str = "document") -> str:
    """A typed document title (``check_name``'s rule, ``TITLE_MAX`` long); BadInput names it as
    the title of ``what`` (a note, a document)."""
    if not title.strip():
        raise BadInput(f"A {what} needs a title.")
    if any(_unwanted(ch) for ch in title):
        raise BadInput(f"A title cannot hold line breaks, tabs, control characters or "
                       f"direction overrides: {title!r}.")
    return check_name(title, f"{what} title", TITLE_MAX)


def tidy_name(name: str, limit: int) -> str:
    """A name from someone else's file made acceptable to ``check_name``: white space (line
    breaks, tabs) folded to single spaces, control and direction characters dropped, cut at
    ``limit``; may be '' (the caller says what stands in for it)."""
    kept = "".join(" " if ch.isspace() else ch for ch in name if not _unwanted(ch)
                   or ch.isspace())
    return " ".join(kept.split())[:limit].strip()


def document_title(name: str) -> str:
    """A document title from a file name or another file's words (``tidy_name``)."""
    return tidy_name(name, TITLE_MAX) or "(untitled)"


def check_code_levels(levels: int, source: str | None = None) -> None:
    """Refuse a code path or tree deeper than ``MAX_CODE_LEVELS``: in one line naming the file
    ``source`` it was read from, or the typed path when ``source`` is None."""
    if levels <= MAX_CODE_LEVELS:
        return
    if source is None:
        raise BadInput(f"A code path can have at most {MAX_CODE_LEVELS} levels, not {levels} "
                       "(fieldkit and the files it writes could not read it back).")
    raise BadInput(f"{source}: the code tree is nested more than {MAX_CODE_LEVELS} levels deep; "
                   "fieldkit does not read such a codebook (nothing was changed).")
