"""Everything a site build needs from the digest, in one call: pages, search index, nav."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .corpus.build import Digest, build_digest
from .corpus.cache import ArticleCache, code_fingerprint
from .language.dates import calendar
from .parse.assembly import Pipeline
from .render import TOPICS_INDEX, Page, SiteRenderer, count_label, page_url, topic_uri
from .search import build_index
from .taxonomy import DEFAULT_PATH, Taxonomy



@dataclass
class SiteBuild:
    digest: Digest
    taxonomy: Taxonomy
    taxonomy_path: Path
    # src_uri → a Markdown page, or the text of any other file (feeds, search, raw seeds)
    files: dict[str, Page | str] = field(default_factory=dict)
    # tag name → (URL of its page, number of articles), for the theme's tag templates
    tag_links: dict[str, tuple[str, int]] = field(default_factory=dict)

    def text(self, src_uri: str) -> str:
        """The file as written to disk (a page with its front matter)."""
        content = self.files[src_uri]
        return content.text() if isinstance(content, Page) else content

    def tag_extra(self) -> dict[str, dict[str, object]]:
        """``extra.digest_tags`` for the theme templates (overrides/): tag → its page, its
        number of articles and that number in Arabic words."""
        return {
            name: {"url": url, "count": count, "label": count_label(count)}
            for name, (url, count) in self.tag_links.items()
        }

    def expand_nav(self, nav: list[Any]) -> list[Any]:
        """Replace the nav entry pointing at the topics index by a section holding the index
        and one entry per topic, so that adding a topic is an edit of the taxonomy only."""
        expanded: list[Any] = []
        for item in nav:
            if isinstance(item, dict) and len(item) == 1 and list(item.values())[0] == TOPICS_INDEX:
                (title,) = item
                section = [TOPICS_INDEX] + [{t.label: topic_uri(t.slug)} for t in self.taxonomy.topics]
                expanded.append({title: section})
            else:
                expanded.append(item)
        return expanded


def build_site(
    seeds_dir: Path, taxonomy_path: Path | None = None, cache_path: Path | None = None, site_url: str = ""
) -> SiteBuild:
    path = taxonomy_path or DEFAULT_PATH
    taxonomy = Taxonomy.load(path)
    cal = calendar()
    cache = ArticleCache(cache_path, code_fingerprint(path)) if cache_path else None
    digest = build_digest(seeds_dir, Pipeline(taxonomy, cal), cache)
    renderer = SiteRenderer(taxonomy, cal, site_url=site_url or "")
    files: dict[str, Page | str] = dict(renderer.pages(digest.articles))
    files.update(build_index(digest.articles, taxonomy, cal))
    tag_links = {name: (page_url(t.uri), len(t.articles)) for name, t in renderer.tag_pages.items()}
    return SiteBuild(digest, taxonomy, path, files, tag_links)
