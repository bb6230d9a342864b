"""File names made from a researcher's words (project, code, document names) that every
platform accepts: the app and the exporters suggest and write files under such names."""

from __future__ import annotations

#: Characters Windows refuses in a file name (besides control characters), and the names it
#: keeps for devices whatever their extension ("CON.docx" is the console, not a file).
FORBIDDEN_IN_NAMES = frozenset('<>:"/\\|?*')
RESERVED_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                            *(f"{dev}{n}" for dev in ("COM", "LPT") for n in "123456789¹²³")})
MAX_NAME = 120


def safe_file_name(name: str, fallback: str = "fieldkit") -> str:
    """``name`` (a project or code name, say) as a file name Windows, macOS and Linux accept.

    Forbidden and control characters become ``_``, trailing dots and spaces go (Windows drops
    them silently), a reserved device name gets a ``_`` in front, and the name is kept short
    enough for a folder path beside it.
    """
    cleaned = "".join("_" if ch in FORBIDDEN_IN_NAMES or ord(ch) < 32 else ch for ch in name)
    cleaned = cleaned.strip()[:MAX_NAME].rstrip(". ")
    if not cleaned:
        return fallback
    if cleaned.split(".")[0].strip().upper() in RESERVED_NAMES:
        cleaned = "_" + cleaned
    return cleaned
