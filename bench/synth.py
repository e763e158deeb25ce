"""Deterministic synthetic seeds for the benchmark, in the real seeds' words.

Each synthetic seed is built like a scraped page: maybe a headline (sometimes repeated),
a dateline in one of the formats the real seeds use (or only a relative date), a publisher
line, 3–8 paragraphs of sentences chained from the real seeds' words, teasers, keyword and
hashtag lines, share widgets and a glued "read also" story. The real seeds' vocabulary keeps
the search postings and topics realistic; the mix of boilerplate keeps the cleaner honest.

One story in five is republished (:func:`write_seeds`): the same text under 1–4 other
outlets within two days, each with its own headline, boilerplate and light edits, as wire
copies are; the file → story truth is what ``bench/stories.py`` measures grouping against.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from digest.language.dates import calendar  # noqa: E402
from digest.parse.assembly import Pipeline  # noqa: E402

WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                  "September", "October", "November", "December"]
LEVANTINE = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]


def _pools(seeds_dir: Path) -> dict[str, list[str]]:
    pipeline = Pipeline()
    pools: dict[str, list[str]] = {"paragraph": [], "title": [], "source": [], "keywords": [], "hashtags": [],
                                   "widget": [], "teaser": [], "read-also": [], "photo-credit": []}
    for path in sorted(seeds_dir.glob("*.txt")):
        article = pipeline.file(path)
        pools["paragraph"] += article.body
        if not article.title_from_lead:
            pools["title"].append(article.title)
        for removed in article.removed:
            if removed.kind in pools and removed.kind != "title":
                pools[removed.kind].append(removed.text)
    return pools


def _dateline(rng: random.Random, day: int, month: int, year: int) -> tuple[str, str]:
    """(line for the top, phrase for the lead) — one of them empty."""
    import datetime as dt

    weekday = WEEKDAYS[dt.date(year, month, day).weekday()]
    kind = rng.randrange(5)
    if kind == 0:
        return f"تاريخ النشر: {day}th, {ENGLISH_MONTHS[month - 1]} {year} GMT", ""
    if kind == 1:
        return f"{rng.randrange(24):02d}:{rng.randrange(60):02d}{day:02d}/{month:02d}/{year}, {weekday}", ""
    if kind == 2:
        return "", f"اليوم {weekday} {day} {LEVANTINE[month - 1]} {year}"
    if kind == 3:
        return "", f"اليوم {weekday} الموافق {day} {calendar().display_months[month - 1]}"
    return f"قبل {rng.choice(['شهر', 'أسبوع', 'يومين'])} 1 | الأخبار | عربي ودولي", ""


# Outlets of the copies (a wire story republished): the publisher line each copy ends with.
OUTLETS = ["RT Arabic", "سبوتنيك عربي", "الميادين", "الأناضول", "تاس", "نوفوستي", "أذرتاج", "أرمنبرس",
           "الجزيرة نت", "سكاي نيوز عربية", "العربية نت", "الشرق الأوسط", "المصري اليوم", "اليوم السابع"]


class Chain:
    """Word successors over the real seeds' paragraphs: new sentences in their vocabulary
    (so that independent synthetic stories are not near-copies of each other, as they would
    be if each were a handful of the same 49 paragraphs)."""

    def __init__(self, paragraphs: list[str]) -> None:
        self.next: dict[str, list[str]] = {}
        self.starts: list[str] = []
        for paragraph in paragraphs:
            words = paragraph.split()
            if words:
                self.starts.append(words[0])
            for a, b in zip(words, words[1:]):
                self.next.setdefault(a, []).append(b)
        self.vocabulary = sorted({w.strip(".،:") for p in paragraphs for w in p.split()} - {""})

    def words(self, rng: random.Random, low: int, high: int) -> list[str]:
        n = rng.randrange(low, high)
        words = [rng.choice(self.starts)]
        while len(words) < n:
            following = self.next.get(words[-1])
            words.append(rng.choice(following) if following else rng.choice(self.starts))
        return [w.rstrip(".") for w in words]

    def sentence(self, rng: random.Random) -> str:
        return " ".join(self.words(rng, 10, 28)) + "."

    def paragraph(self, rng: random.Random) -> str:
        return " ".join(self.sentence(rng) for _ in range(rng.randrange(1, 4)))


def _date(rng: random.Random) -> tuple[int, int, int]:
    return rng.randrange(2020, 2026), rng.randrange(1, 13), rng.randrange(1, 29)


def make_seed(rng: random.Random, pools: dict[str, list[str]], n: int, chain: Chain | None = None,
              story: tuple[str, list[str]] | None = None, when: tuple[int, int, int] | None = None,
              outlet: str | None = None) -> str:
    """One scraped page. ``story`` (headline, paragraphs): its text, else drawn anew;
    ``when``: its date; ``outlet``: its publisher line's name."""
    year, month, day = when or _date(rng)
    top, lead_phrase = _dateline(rng, day, month, year)
    chain = chain or Chain(pools["paragraph"])
    title, paragraphs = story or (" ".join(chain.words(rng, 6, 13)), [chain.paragraph(rng) for _ in range(rng.randrange(3, 9))])
    paragraphs = list(paragraphs)
    lines: list[str] = []
    if rng.random() < 0.8:
        lines += [f"{title} ({n})"] * (3 if rng.random() < 0.1 else 1)
    if top:
        lines.append(top)
    if rng.random() < 0.3:
        lines.append(rng.choice(pools["widget"]))
    if lead_phrase:
        paragraphs[0] = f"{paragraphs[0].rstrip('.')} {lead_phrase}."
    for i, paragraph in enumerate(paragraphs):
        lines += [paragraph, ""]
        if i == 1 and rng.random() < 0.3:
            lines += [rng.choice(pools["teaser"]), ""]
    lines.append(f"المصدر: {outlet}" if outlet else rng.choice(pools["source"]))
    if rng.random() < 0.5:
        lines.append(rng.choice(pools["keywords"]))
    if rng.random() < 0.3:
        lines += rng.sample(pools["hashtags"], k=min(3, len(pools["hashtags"])))
    if rng.random() < 0.4:
        lines += pools["read-also"][: rng.randrange(2, 8)]
    return "\n".join(lines) + "\n"


def edited(rng: random.Random, chain: Chain, paragraphs: list[str]) -> list[str]:
    """A republished copy's text: the wire text with one or two light edits of the kinds an
    outlet makes (a few words changed, the last paragraph cut, an attribution added, a
    paragraph split in two)."""
    out = list(paragraphs)
    for _ in range(rng.randrange(1, 3)):
        kind = rng.randrange(4)
        i = rng.randrange(len(out))
        if kind == 0:
            words = out[i].split()
            for _ in range(rng.randrange(1, 4)):
                words[rng.randrange(len(words))] = rng.choice(chain.vocabulary)
            out[i] = " ".join(words)
        elif kind == 1 and len(out) > 3:
            out.pop()
        elif kind == 2:
            out[0] = f"وبحسب ما نقلته وكالات الأنباء، {out[0]}"
        else:
            sentences = [s for s in out[i].split(". ") if s]
            if len(sentences) > 1:
                out[i : i + 1] = [sentences[0].rstrip(".") + ".", ". ".join(sentences[1:])]
    return out


# Share of stories republished, and how many copies each (besides the first report).
REPUBLISHED = 0.2
COPIES = (1, 5)


def write_seeds(dest: Path, count: int, seeds_dir: Path = ROOT / "seeds", seed: int = 20261122) -> dict[str, int]:
    """``count`` seeds in ``dest``; a fifth of the stories are republished by 1–4 other
    outlets within two days (another headline, other boilerplate, light edits). Returns each
    file's story number: the truth the stories benchmark measures grouping against."""
    import datetime as dt

    dest.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pools = _pools(seeds_dir)
    chain = Chain(pools["paragraph"])
    truth: dict[str, int] = {}
    n = story = 0
    while n < count:
        when = _date(rng)
        text = (" ".join(chain.words(rng, 6, 13)), [chain.paragraph(rng) for _ in range(rng.randrange(3, 9))])
        copies = rng.randrange(*COPIES) if rng.random() < REPUBLISHED else 0
        outlets = rng.sample(OUTLETS, k=copies + 1) if copies else [None]
        for c in range(min(copies + 1, count - n)):
            if c == 0:
                version, day = text, when
            else:
                version = (" ".join(chain.words(rng, 6, 13)), edited(rng, chain, text[1]))
                moved = dt.date(*when) + dt.timedelta(days=rng.randrange(0, 3))
                day = (moved.year, moved.month, moved.day)
            name = f"{n:06d}_{rng.getrandbits(64):016x}.txt"
            (dest / name).write_text(make_seed(rng, pools, n, chain, version, day, outlets[c]), encoding="utf-8")
            truth[name] = story
            n += 1
        story += 1
    return truth


if __name__ == "__main__":
    write_seeds(Path(sys.argv[1]), int(sys.argv[2]))
