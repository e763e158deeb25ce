"""Issue 15: stories on the site. A story is shown once in a listing (its card names its other
versions), every version keeps its page and stays linked from its topic and tag pages, each
version's page names the others, and the story's page sets the versions side by side with
the sentences found in one version only.

The site is built from the five seeds and the crafted stories of tests/fixtures/stories
(written for these tests): one wire report as TASS, RT and Al Mayadeen gave it (other
headlines, boilerplate, a rewritten paragraph, a day later), and the same ministers' next
meeting five weeks later, which is another story."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from digest.corpus.build import build_digest
from digest.site.context import SiteContext

STORIES = ROOT / "tests" / "fixtures" / "stories"
VERSIONS = ["2024-05-13-rt", "2024-05-13-tass", "2024-05-14-mayadeen"]
OTHER = "2024-06-20-anadolu"


@pytest.fixture(scope="module")
def site(build_tree):
    seeds = {p.name: p.read_bytes() for p in [*SEEDS.glob("*.txt"), *STORIES.glob("*.txt")]}
    code, log, site = build_tree(seeds)
    assert code == 0, log[-3000:]
    return site


@pytest.fixture(scope="module")
def digest(tmp_path_factory):
    folder = tmp_path_factory.mktemp("seeds")
    for p in [*SEEDS.glob("*.txt"), *STORIES.glob("*.txt")]:
        (folder / p.name).write_bytes(p.read_bytes())
    return build_digest(folder)


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def links(html: str) -> set[str]:
    """The article ids an HTML page links to."""
    return set(re.findall(r'href="(?:\.\./)*articles/([^/"]+)/"', html))


def card_ids(html: str) -> list[str]:
    """The article ids of a listing's cards, in order (a card's headline link)."""
    return re.findall(r'<article class="digest-card"><h[34]><a href="(?:\.\./)*articles/([^/"]+)/"', html)


def listing(site: Path, first: str) -> str:
    """Every page of a listing, joined."""
    html = page(site, first)
    n = 2
    while (site / first / "page" / str(n) / "index.html").exists():
        html += page(site, f"{first}/page/{n}")
        n += 1
    return html


def test_the_story_is_found_in_the_digest(digest):
    ctx = SiteContext.build(digest.articles, *_taxonomy_and_calendar(), digest.versions)
    assert [[a.id for a in s.articles] for s in ctx.stories] == [VERSIONS]
    assert ctx.stories[0].id == VERSIONS[0] and ctx.stories[0].uri == f"stories/{VERSIONS[0]}.md"
    assert OTHER not in ctx.story_of


def _taxonomy_and_calendar():
    from digest.language.dates import calendar
    from digest.taxonomy import Taxonomy

    return Taxonomy.load(), calendar()


def test_a_listing_shows_a_story_once_and_keeps_every_other_article(digest):
    ctx = SiteContext.build(digest.articles, *_taxonomy_and_calendar(), digest.versions)
    shown = ctx.collapsed(ctx.ordered)
    assert [a.id for a in shown] == [a.id for a in ctx.ordered if a.id not in VERSIONS[1:]]  # order kept
    # Of the story's articles in a listing, the earliest stays, wherever the listing starts.
    assert [a.id for a in ctx.collapsed([a for a in ctx.ordered if a.id in VERSIONS[1:]])] == [VERSIONS[1]]


def test_the_story_page_sets_the_versions_side_by_side(site):
    html = page(site, f"stories/{VERSIONS[0]}")
    assert html.count('class="digest-version"') == 3
    assert links(html) >= set(VERSIONS)
    text = unescape(re.sub(r"<[^>]+>", " ", html))
    assert "أول من نشره" in text and "3 روايات" in text
    # Al Mayadeen's rewritten paragraph is its own; the shared text is shown once, folded.
    mayadeen = html[html.index(f'articles/{VERSIONS[2]}/'):]
    assert "الحدود والممرات التي تربط البلدين" in mayadeen.split('class="digest-version"')[0]
    assert "ما تنفرد به (جملة واحدة)" in text
    assert re.search(r'<details class="digest-shared"><summary>النص المشترك بين الروايات \(\d+ جمل\)', html)


def test_every_version_names_the_others_and_links_the_story(site):
    for ident in VERSIONS:
        html = page(site, f"articles/{ident}")
        box = html[html.index('class="digest-story-box"'):]
        box = box[: box.index("</section>")]
        assert links(box) == set(VERSIONS) - {ident}
        assert f"stories/{VERSIONS[0]}/" in box
        assert ("نُشر هذا الخبر أولًا هنا" in box) == (ident == VERSIONS[0])
    assert 'class="digest-story-box"' not in page(site, f"articles/{OTHER}")


def test_the_other_meeting_is_not_part_of_the_story(site):
    assert not (site / "stories" / OTHER).exists()
    assert OTHER not in links(page(site, f"stories/{VERSIONS[0]}"))


def test_topic_and_tag_pages_show_the_story_once_and_reach_every_version(site, digest):
    by_id = {a.id: a for a in digest.articles}
    html = listing(site, "topics/peace-treaty")
    cards = card_ids(html)
    assert sum(1 for c in cards if c in VERSIONS) == 1  # one card for the story
    assert "ومصدران آخران" in html
    assert re.search(r'<p class="digest-also"><a href="[./]*stories/2024-05-13-rt/" class="digest-also__all">ومصدران آخران</a>: '
                     r'(تاس، قناة الميادين|قناة الميادين، تاس)</p>', html)
    # Grouping never hides an article: each article of a topic or tag is linked from its
    # listing by its card, or from the page of its story, which its story's card links.
    for article in digest.articles:
        for slug in article.topics:
            assert article.id in reachable(site, listing(site, f"topics/{slug}")), (article.id, slug)
    for article in (by_id[i] for i in VERSIONS + [OTHER]):
        html = page(site, f"articles/{article.id}")
        foot = html[html.index('class="digest-tags"'):]
        for href in re.findall(r'href="\.\./\.\./(tags/[^"]+)/"', foot):
            assert article.id in reachable(site, listing(site, href)), (article.id, href)


def reachable(site: Path, html: str) -> set[str]:
    """The articles a listing links, and those of the story pages it links."""
    found = links(html)
    for story in set(re.findall(r'href="(?:\.\./)*stories/([^/"]+)/"', html)):
        found |= links(page(site, f"stories/{story}"))
    return found


def test_the_home_page_shows_the_story_by_one_version(site):
    # (A story may be both in its topic's block and in the latest news, as any article is:
    # always by the same card, never by two of its versions.)
    html = page(site, ".")
    headlines = re.findall(r'<h[23]><a href="articles/([^/"]+)/"', html)
    assert len({h for h in headlines if h in VERSIONS}) == 1
    assert "ومصدران آخران" in html
