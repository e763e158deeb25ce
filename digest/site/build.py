"""Everything a site build needs from the digest, in one call: pages, feeds, search index,
nav; in phases, each with its one-line comment (as MkDocs' commands/build.py)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..corpus.build import Digest, build_digest
from ..corpus.cache import ArticleCache, code_fingerprint
from ..corpus.stories import StoryMemo, group
from ..language.dates import calendar
from ..parse.assembly import Pipeline
from ..taxonomy import DEFAULT_PATH, Taxonomy
from . import urls
from .context import SiteContext
from .related import RelatedMemo
from .feeds import site_feeds
from .pages import Page, SiteRenderer
from .search import SearchMemo, build_index
from .session import Session


@dataclass
class SiteBuild:
    digest: Digest
    taxonomy: Taxonomy
    taxonomy_path: Path
    # src_uri → a Markdown page, or the text of any other file (feeds, search, raw seeds), or
    # a function that makes that text when the file is written (files made of every article's
    # text again: held as records, not as text too)
    files: dict[str, Page | str | Callable[[], str]] = field(default_factory=dict)
    # Seconds of the phases the benchmark reports apart (bench/run.py), by name.
    seconds: dict[str, float] = field(default_factory=dict)

    def text(self, src_uri: str) -> str:
        """The file as written to disk (a page with its front matter)."""
        content = self.files[src_uri]
        if isinstance(content, Page):
            return content.text()
        return content if isinstance(content, str) else content()

    def expand_nav(self, nav: list[Any]) -> list[Any]:
        """Replace the nav entry pointing at the topics index by a section holding the index
        and one entry per topic, so that adding a topic is an edit of the taxonomy only."""
        expanded: list[Any] = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1 and list(item.values())[0] == urls.TOPICS_INDEX:
                (title,) = item
                section = [urls.TOPICS_INDEX] + [{t.label: urls.topic_uri(t.slug)} for t in self.taxonomy.topics]
                expanded.append({title: section})
            else:
                expanded.append(item)
        return expanded


def build_site(
    seeds_dir: Path,
    taxonomy_path: Path | None = None,
    cache_path: Path | None = None,
    site_url: str = "",
    session: Session | None = None,
) -> SiteBuild:
    """The site of ``seeds_dir``; with a ``session``, the next build of the same process
    reuses what did not change (digest/site/session.py)."""
    path = taxonomy_path or DEFAULT_PATH
    # Load the taxonomy and the calendar.
    taxonomy = session.taxonomy(path) if session else Taxonomy.load(path)
    cal = calendar()
    # Parse the seeds (from the cache where a seed is unchanged).
    cache = None
    fingerprint = code_fingerprint(path)
    if cache_path:
        cache = session.article_cache(cache_path, fingerprint) if session else ArticleCache(cache_path, fingerprint)
    first = session is None or session.builds == 0
    digest = build_digest(seeds_dir, Pipeline(taxonomy, cal), cache, memo=session.seeds if session else None, save=first)
    if session:
        session.builds += 1
    # Gather: one order, every grouping, stories, related articles and key dates.
    # What renders a page besides the articles and the taxonomy (whose parts a page shows
    # are in its key): the code and the other data files.
    stamp = code_fingerprint(without=path)
    related = session.memo("related", stamp, RelatedMemo) if session else None
    # Stories: the articles that report one event (timed: the benchmark reports its share).
    start = time.perf_counter()
    # (The texts analysed here are handed to the search index, which weighs the same words.)
    tokens: dict[str, list[tuple[str, ...]]] = {}
    story_ids = group(digest.articles, session.memo("stories", stamp, StoryMemo) if session else None, digest.versions, tokens)
    seconds = {"stories": time.perf_counter() - start}
    ctx = SiteContext.build(digest.articles, taxonomy, cal, digest.versions, stamp, related, story_ids)
    # Render: pages, feeds, the search index.
    renderer = SiteRenderer(ctx, site_url or "", session.memo("article-pages", stamp, dict) if session else None)
    files: dict[str, Page | str | Callable[[], str]] = dict(renderer.pages())
    files.update(site_feeds(ctx, renderer.absolute))
    files.update(build_index(ctx, session.memo("search", stamp, SearchMemo) if session else None, tokens))
    tokens.clear()
    return SiteBuild(digest, taxonomy, path, files, seconds)
