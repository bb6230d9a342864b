"""The demo study: a generated, believable Dutch shop-floor project as plain data.

``generate("small")`` or ``generate("large")`` returns a ``DemoStudy``; the project facade loads
it into a real project. Recipes (codebook, names, sentence families) live in ``resources/demo``.
"""

from fieldkit.demo.generator import SIZES, generate
from fieldkit.demo.study import (
    DemoCode,
    DemoCoding,
    DemoDocument,
    DemoParticipant,
    DemoSite,
    DemoStudy,
    DemoVisit,
)

__all__ = [
    "SIZES",
    "DemoCode",
    "DemoCoding",
    "DemoDocument",
    "DemoParticipant",
    "DemoSite",
    "DemoStudy",
    "DemoVisit",
    "generate",
]
