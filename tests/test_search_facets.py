"""Issue 15: the search filters' data (digest/site/search.py, facets()): every doc's year,
topics and publishers, in the doc order of the index, compact."""

from __future__ import annotations

import base64
import json

from digest.language.dates import calendar
from digest.model import Article
from digest.site.context import SiteContext
from digest.site.search import FACET_DIGITS, build_index, facets
from digest.taxonomy import Taxonomy


def art(ident: str, day: str | None, sources: list[str], topics: list[str]) -> Article:
    return Article(id=ident, path=f"{ident}.txt", title=ident, date=day, sources=sources, topics=topics,
                   body=[f"نص الخبر {ident}."])


def decode(data: dict) -> list[tuple[str | None, list[str], list[str]]]:
    """Each doc's (year, topic slugs, publishers), as the worker reads the file."""
    count = len(data["sources"]["docs"]) // data["sources"]["width"]
    years: list[str | None] = []
    for k, (year, first) in enumerate(data["years"]):
        end = data["years"][k + 1][1] if k + 1 < len(data["years"]) else count
        years += [None if year is None else str(year)] * (end - first)
    out = []
    width, src = data["sources"]["width"], data["sources"]
    for d in range(count):
        topics = [slug for slug, _, bits in data["topics"] if base64.b64decode(bits)[d >> 3] >> (d & 7) & 1]
        k = 0
        for c in src["docs"][d * width : (d + 1) * width]:
            k = k * len(FACET_DIGITS) + FACET_DIGITS.index(c)
        out.append((years[d], topics, [src["names"][i] for i in src["combos"][k]]))
    return out


def test_facets_give_each_doc_its_year_topics_and_publishers():
    taxonomy = Taxonomy.load()
    articles = [
        art("a", "2025-03-01", ["تاس"], ["peace-treaty"]),
        art("b", "2024-12-31", ["RT", "تاس"], ["peace-treaty", "border-delimitation"]),
        art("c", "2024-01-05", [], []),
        art("d", None, ["الأناضول"], ["peacekeepers"]),
    ]
    ctx = SiteContext.build(articles, taxonomy, calendar())
    data = facets(ctx)
    assert [a.id for a in ctx.ordered] == ["a", "b", "c", "d"]
    assert data["years"] == [[2025, 0], [2024, 1], [None, 3]]
    assert decode(data) == [
        ("2025", ["peace-treaty"], ["تاس"]),
        ("2024", ["peace-treaty", "border-delimitation"], ["RT", "تاس"]),
        ("2024", [], []),
        (None, ["peacekeepers"], ["الأناضول"]),
    ]
    files = build_index(ctx)
    assert json.loads(files["search/digest/facets.json"]) == data
    assert json.loads(files["search/digest/meta.json"])["facets"] is True


def test_many_publishers_take_two_digits_a_doc_and_stay_small():
    taxonomy = Taxonomy.load()
    articles = [art(f"x{n:03d}", f"20{10 + n % 15}-01-01", [f"مصدر {n}"], []) for n in range(300)]
    data = facets(SiteContext.build(articles, taxonomy, calendar()))
    assert data["sources"]["width"] == 2
    by_id = {a.id: a for a in articles}
    ordered = SiteContext.build(articles, taxonomy, calendar()).ordered
    assert [d[2] for d in decode(data)] == [by_id[a.id].sources for a in ordered]
    # Per doc: two digits of publishers and three bits of topics (the years are 15 runs).
    per_doc = (len(data["sources"]["docs"]) + sum(len(t[2]) for t in data["topics"])) / len(articles)
    assert per_doc < 4
