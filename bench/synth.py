"""Deterministic synthetic seeds for the benchmark, recombined from the real seeds.

Each synthetic seed is built like a scraped page: maybe a headline (sometimes repeated),
a dateline in one of the formats the real seeds use (or only a relative date), a publisher
line, 3–9 paragraphs drawn from the real seeds' bodies, teasers, keyword and hashtag lines,
share widgets and a glued "read also" story. Real paragraphs keep the vocabulary (and so the
search postings) realistic; the mix of boilerplate keeps the cleaner honest.
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


def make_seed(rng: random.Random, pools: dict[str, list[str]], n: int) -> str:
    year, month, day = rng.randrange(2020, 2026), rng.randrange(1, 13), rng.randrange(1, 29)
    top, lead_phrase = _dateline(rng, day, month, year)
    lines: list[str] = []
    if rng.random() < 0.8:
        title = f"{rng.choice(pools['title'])} ({n})"
        lines += [title] * (3 if rng.random() < 0.1 else 1)
    if top:
        lines.append(top)
    if rng.random() < 0.3:
        lines.append(rng.choice(pools["widget"]))
    paragraphs = rng.sample(pools["paragraph"], k=min(len(pools["paragraph"]), rng.randrange(3, 10)))
    if lead_phrase:
        paragraphs[0] = f"{paragraphs[0].rstrip('.')} {lead_phrase}."
    for i, paragraph in enumerate(paragraphs):
        lines += [paragraph, ""]
        if i == 1 and rng.random() < 0.3:
            lines += [rng.choice(pools["teaser"]), ""]
    lines.append(rng.choice(pools["source"]))
    if rng.random() < 0.5:
        lines.append(rng.choice(pools["keywords"]))
    if rng.random() < 0.3:
        lines += rng.sample(pools["hashtags"], k=min(3, len(pools["hashtags"])))
    if rng.random() < 0.4:
        lines += pools["read-also"][: rng.randrange(2, 8)]
    return "\n".join(lines) + "\n"


def write_seeds(dest: Path, count: int, seeds_dir: Path = ROOT / "seeds", seed: int = 20261122) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    pools = _pools(seeds_dir)
    for n in range(count):
        name = f"{n:06d}_{rng.getrandbits(64):016x}.txt"
        (dest / name).write_text(make_seed(rng, pools, n), encoding="utf-8")


if __name__ == "__main__":
    write_seeds(Path(sys.argv[1]), int(sys.argv[2]))
