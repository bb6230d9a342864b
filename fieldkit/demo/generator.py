"""``generate()``: the whole demo study, from the recipes, deterministic for a seed.

The cast (sites, visits, participants) comes first; then documents are written visit by visit,
put in chronological order, and finally coded by the two coders. Sizes are data (``SIZES``) and
``scale`` shrinks or grows the document counts, so tests can run a miniature of ``large``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from fieldkit.demo.coding import CODERS, Coders, code_regions
from fieldkit.demo.esm import esm_day
from fieldkit.demo.fieldwork import fieldnote, memo, photo_caption
from fieldkit.demo.interviews import transcript
from fieldkit.demo.photos import photo_jpeg, scene_objects
from fieldkit.demo.recipes import EN, NL, Recipes, SiteRecipe, load_recipes
from fieldkit.demo.study import (
    DemoCoding,
    DemoParticipant,
    DemoSite,
    DemoStudy,
    DemoVisit,
)
from fieldkit.demo.writing import Draft, Phrasebook, utc_offset, utc_stamp

LONG_INTERVIEW = "Sanne de Vries"


@dataclass(frozen=True, slots=True)
class Size:
    sites: int
    visits_per_site: int
    participants_per_site: int
    start: date
    weeks: int
    esm_weeks: int  # ESM runs in the last weeks of the study
    fieldnotes: int
    fieldnote_words: tuple[int, int]
    english_share: float  # of fieldnotes and memos
    transcripts: int
    transcript_words: tuple[int, int]
    long_transcript_words: int  # 0: none
    esm_days: int
    esm_beeps: tuple[int, int]
    memos: int
    memo_words: tuple[int, int]
    photos: int
    family_share: float  # of sentences written for a code rather than filler
    coded_share: float  # of documents the coders have reached
    anouk_rate: float
    long_anouk_rate: float


SIZES: dict[str, Size] = {
    "small": Size(
        sites=3, visits_per_site=3, participants_per_site=4, start=date(2026, 2, 9), weeks=6,
        esm_weeks=2, fieldnotes=15, fieldnote_words=(380, 650), english_share=0.4,
        transcripts=3, transcript_words=(1600, 3800), long_transcript_words=0, esm_days=28,
        esm_beeps=(3, 5), memos=6, memo_words=(150, 320), photos=8, family_share=0.33,
        coded_share=1.0, anouk_rate=0.5, long_anouk_rate=0.0,
    ),
    "large": Size(
        sites=5, visits_per_site=24, participants_per_site=30, start=date(2026, 1, 12),
        weeks=26, esm_weeks=26, fieldnotes=2400, fieldnote_words=(750, 1350),
        english_share=0.35, transcripts=299, transcript_words=(2000, 6000),
        long_transcript_words=50000, esm_days=6000, esm_beeps=(3, 6), memos=1100,
        memo_words=(250, 600), photos=200, family_share=0.45, coded_share=0.4,
        anouk_rate=0.6, long_anouk_rate=0.2,
    ),
}

# Codes that come up more often on a shop floor than others.
WEIGHTS = {
    "Learning/Informal/Peer help": 2.5,
    "Learning/Informal/Trial and error": 2.0,
    "Learning/Triggers/Breakdown (storing)": 2.0,
    "Barriers/Time pressure": 1.6,
    "Technology/Digital work instructions": 1.4,
    "Technology/Cobot & lasrobot": 1.4,
    "Learning/Informal/Reflection": 0.6,
    "Learning/Formal/Certification": 0.6,
}
OBSERVERS = ("Anouk", "Bram", "Anouk, Bram", "Anouk, Lotte", "Bram, Lotte")


def generate(size: str = "small", seed: int = 7, scale: float = 1.0) -> DemoStudy:
    """A believable Dutch shop-floor study on job-integrated learning, as plain data.

    ``size`` is ``"small"`` (about 60 documents, 800 codings) or ``"large"`` (about 10,000
    documents, 5 million words, 100,000 codings, and one 50,000-word interview titled
    "Interview Sanne de Vries (lang)"). ``scale`` multiplies the document counts. The same
    arguments always give the same study.
    """
    if size not in SIZES:
        raise ValueError(f"unknown demo size {size!r}; choose one of {', '.join(SIZES)}")
    if scale <= 0:
        raise ValueError("scale must be positive")
    return _Generator(load_recipes(), _scaled(SIZES[size], scale), random.Random(seed),
                      large=size == "large").run()


def _scaled(spec: Size, scale: float) -> Size:
    if scale == 1.0:
        return spec

    def n(x: int, least: int = 1) -> int:
        return max(least, round(x * scale))

    return replace(
        spec, visits_per_site=n(spec.visits_per_site, 2),
        participants_per_site=n(spec.participants_per_site, 3), fieldnotes=n(spec.fieldnotes),
        transcripts=n(spec.transcripts), esm_days=n(spec.esm_days), memos=n(spec.memos),
        photos=n(spec.photos),
        long_transcript_words=n(spec.long_transcript_words, 2000) if spec.long_transcript_words
        else 0,
    )


class _Generator:
    def __init__(self, recipes: Recipes, spec: Size, rng: random.Random, large: bool) -> None:
        self.r = recipes
        self.spec = spec
        self.rng = rng
        self.large = large
        self.sites: list[SiteRecipe] = list(recipes.sites[: spec.sites])
        self.leaves = list(recipes.leaf_codes)
        self.weights = [WEIGHTS.get(c, 1.0) for c in self.leaves]
        self.weight_of = dict(zip(self.leaves, self.weights, strict=True))
        self.themes: dict[str, list[str]] = {}  # parent code -> its leaves
        for c in self.leaves:
            self.themes.setdefault(c.rsplit("/", 1)[0], []).append(c)
        self._slot_cache: dict[tuple[int, int], dict[str, Any]] = {}
        parent = {c: c.rsplit("/", 1)[0] for c in self.leaves}
        self.siblings = {c: [o for o in self.leaves if o != c and parent[o] == parent[c]]
                         for c in self.leaves}

    # -- the cast -------------------------------------------------------------------------

    def run(self) -> DemoStudy:
        participants = self._participants()
        self.by_site = {s.name: [p for p in participants if p.site == s.name] for s in self.sites}
        visits = self._visits()
        drafts = self._documents(visits, participants)
        drafts.sort(key=lambda d: (d.document.created, d.document.kind, d.document.title))
        codings = self._codings(drafts)
        name = "Leren op de werkvloer (demo)" if not self.large else \
            "Leren op de werkvloer (demo, groot)"
        return DemoStudy(
            name=name,
            language="nl",
            sites=[DemoSite(s.name, s.description) for s in self.sites],
            visits=visits,
            participants=participants,
            coders=list(CODERS),
            codes=list(self.r.codes),
            documents=[d.document for d in drafts],
            codings=codings,
        )

    def _participants(self) -> list[DemoParticipant]:
        rng = self.rng
        people = self.r.people
        firsts, lasts = people["pseudonym_first"], people["pseudonym_last"]
        real = [f"{f} {last}" for f in people["first_names"] for last in people["last_names"]]
        total = len(self.sites) * self.spec.participants_per_site
        real_names = rng.sample(real, total)
        out = []
        for i in range(total):
            site = self.sites[i % len(self.sites)]
            pseudonym = f"{firsts[i % len(firsts)]} {lasts[(i + i // len(firsts)) % len(lasts)]}"
            role = rng.choice(site.roles)
            temp = role.startswith("uitzendkracht")
            tenure = rng.randint(0, 1) if temp else rng.choice(
                (rng.randint(0, 3), rng.randint(2, 12), rng.randint(8, 38)))
            out.append(DemoParticipant(
                pseudonym=pseudonym,
                name=real_names[i],
                role=role,
                site=site.name,
                attributes={
                    "department": rng.choice(site.departments),
                    "tenure_years": tenure,
                    "shift": rng.choice(site.shifts),
                    "age_group": rng.choice(people["age_groups"][:2] if temp
                                            else people["age_groups"]),
                },
            ))
        return out

    def _workdays(self, first: date, weeks: int) -> list[date]:
        return [first + timedelta(days=d) for d in range(weeks * 7)
                if (first + timedelta(days=d)).weekday() < 5]

    def _visits(self) -> list[DemoVisit]:
        days = self._workdays(self.spec.start, self.spec.weeks)
        visits = []
        for k, site in enumerate(self.sites):
            n = self.spec.visits_per_site - (1 if not self.large and k == 2 else 0)
            for day in sorted(self.rng.sample(days, min(n, len(days)))):
                visits.append(DemoVisit(site.name, day.isoformat(), self.rng.choice(OBSERVERS)))
        visits.sort(key=lambda v: (v.date, v.site))
        return visits

    # -- documents ------------------------------------------------------------------------

    def _book(self, site: SiteRecipe, lang: str, **extra: Any) -> Phrasebook:
        k = self.sites.index(site)
        idx = NL if lang == "nl" else EN
        base = self._slot_cache.get((k, idx))
        if base is None:
            base = {name: bank[idx] for name, bank in site.banks.items()}
            base.update({name: bank[idx] for name, bank in self.r.banks.items()})
            base["colleague"] = self.r.people["colleagues"]
            base["worker"] = [p.pseudonym.split()[0] for p in self.by_site[site.name]]
            base["dept"] = list(site.departments)
            base["site"] = [site.name]
            self._slot_cache[(k, idx)] = base
        slots = dict(base)
        slots.update({key: [str(v)] for key, v in extra.items()})
        return Phrasebook(self.r, self.rng, slots)

    def _documents(self, visits: list[DemoVisit],
                   participants: list[DemoParticipant]) -> list[Draft]:
        spec, rng = self.spec, self.rng
        site_of = {s.name: s for s in self.sites}
        drafts: list[Draft] = []

        def visit(i: int) -> tuple[SiteRecipe, date, DemoVisit]:
            v = visits[i % len(visits)]
            return site_of[v.site], date.fromisoformat(v.date), v

        for i in range(spec.fieldnotes):
            site, day, v = visit(i)
            lang = "en" if rng.random() < spec.english_share else "nl"
            observer = v.observers.split(", ")[rng.randrange(len(v.observers.split(", ")))]
            leak = None
            if rng.random() < 0.2:
                leak = rng.choice(self.by_site[site.name]).name
            drafts.append(self._mark(fieldnote(
                self._book(site, lang), site=site.name, day=day, observer=observer,
                dept=rng.choice(site.departments), lang=lang,
                words=rng.randint(*spec.fieldnote_words), family_share=spec.family_share,
                codes=self.leaves, weights=self.weights, leak=leak)))

        for i in range(spec.transcripts):
            site = self.sites[i % len(self.sites)]
            round_no = i // len(self.sites)
            site_visits = [v for v in visits if v.site == site.name]
            v = site_visits[(round_no + 1) % len(site_visits)]
            people = self.by_site[site.name]
            drafts.append(self._mark(self._interview(
                site, date.fromisoformat(v.date), v, people[round_no % len(people)],
                rng.randint(*spec.transcript_words))))
        if spec.long_transcript_words:
            person = next(p for p in participants if p.pseudonym == LONG_INTERVIEW)
            site = site_of[person.site]
            v = next(v for v in visits if v.site == site.name)
            draft = self._interview(site, date.fromisoformat(v.date), v, person,
                                    spec.long_transcript_words,
                                    title=f"Interview {LONG_INTERVIEW} (lang)", family_share=0.3)
            draft.anouk_rate = spec.long_anouk_rate
            drafts.append(draft)

        scenes = self.r.photo_scenes
        for i in range(spec.photos):
            site, day, v = visit(i * 3 + 2 if self.large else i)
            draft = self._mark(self._photo(site, day, v, scenes[(i * 5 + i // 6) % 6], i))
            draft.coded = True  # few and quick: the coders have reached every photo
            drafts.append(draft)

        drafts.extend(self._mark(d) for d in self._esm(participants))

        first, last = spec.start, spec.start + timedelta(weeks=spec.weeks)
        for _ in range(spec.memos):
            lang = "en" if rng.random() < spec.english_share else "nl"
            site = rng.choice(self.sites)
            code = rng.choice(self.leaves)
            sibling = self.siblings[code]
            pair = (code, rng.choice(sibling) if sibling else rng.choice(self.leaves))
            day = first + timedelta(days=rng.randrange((last - first).days))
            drafts.append(self._mark(memo(
                self._book(site, lang), author=rng.choice(CODERS),
                site=site.name if rng.random() < 0.7 else None, day=day, lang=lang,
                words=rng.randint(*spec.memo_words), code_pair=pair,
                quotes=self._book(site, "nl") if lang == "en" else None)))
        return drafts

    def _mark(self, draft: Draft) -> Draft:
        draft.coded = self.rng.random() < self.spec.coded_share
        draft.anouk_rate = self.spec.anouk_rate
        return draft

    def _interview(self, site: SiteRecipe, day: date, v: DemoVisit, person: DemoParticipant,
                   words: int, title: str | None = None, family_share: float | None = None
                   ) -> Draft:
        a = person.attributes
        book = self._book(site, "nl", tenure=a["tenure_years"], role=person.role,
                          shift=a["shift"], dept=a["department"])
        return transcript(
            book, participant=person, interviewer=v.observers.split(", ")[0], site=site.name,
            day=day, words=words,
            family_share=family_share or self.spec.family_share + 0.1,
            themes=self.themes, weights=self.weight_of, title=title)

    def _photo(self, site: SiteRecipe, day: date, v: DemoVisit, scene: dict[str, Any],
               i: int) -> Draft:
        rng = self.rng
        observer = v.observers.split(", ")[0]
        minute = rng.randint(8 * 60, 16 * 60)
        second = rng.randint(0, 59)
        draft = photo_caption(self._book(site, "nl"), scene, observer, minute)
        orientation = rng.choice((1, 1, 1, 6, 6, 3))
        taken = datetime(day.year, day.month, day.day, minute // 60, minute % 60, second)
        doc = draft.document
        objects = scene_objects(scene["label"], self.sites.index(site))
        draft.regions = [(r["code"], objects[r["object"]]) for r in scene["regions"]]
        doc.photo = photo_jpeg(scene["label"], self.sites.index(site),
                               f"{site.name} - {scene['title_nl']}", orientation, taken,
                               utc_offset(day, minute // 60), i)
        doc.photo_name = taken.strftime("IMG_%Y%m%d_%H%M%S.jpg")
        doc.title = f"Foto {day.isoformat()} {site.name} ({scene['title_nl']})"
        doc.site, doc.visit_date = site.name, day.isoformat()
        doc.created = utc_stamp(day, minute // 60, minute % 60, second)
        doc.attributes = {"taken": taken.isoformat(), "orientation": orientation,
                          "observer": observer, "scene": scene["label"]}
        return draft

    def _esm(self, participants: list[DemoParticipant]) -> list[Draft]:
        spec, rng = self.spec, self.rng
        esm_start = self.spec.start + timedelta(weeks=spec.weeks - spec.esm_weeks)
        days = self._workdays(esm_start, spec.esm_weeks)
        per, extra = divmod(spec.esm_days, len(participants))
        site_of = {s.name: s for s in self.sites}
        drafts = []
        for k, person in enumerate(participants):
            n = min(len(days), per + (1 if k < extra else 0))
            site = site_of[person.site]
            for day in sorted(rng.sample(days, n)):
                drafts.append(esm_day(self._book(site, "nl"), participant=person,
                                      site=site.name, day=day, beeps=rng.randint(*spec.esm_beeps)))
        return drafts

    # -- coding ---------------------------------------------------------------------------

    def _codings(self, drafts: list[Draft]) -> list[DemoCoding]:
        coders = Coders(random.Random(self.rng.getrandbits(64)), self.siblings, self.leaves)
        # drawn after the coders' seed, so the regions leave the text codings as they were
        regions = random.Random(self.rng.getrandbits(64))
        out: list[DemoCoding] = []
        for i, d in enumerate(drafts):
            if d.coded:
                out.extend(coders.code(i, d.document.text, d.sentences, d.anouk_rate))
                out.extend(code_regions(regions, i, d.regions))
        return out
