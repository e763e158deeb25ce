"""Every URL and slug of the site, in one place.

Pages are named by their *source URI* (``articles/<id>.md``, ``topics/<slug>/index.md`` …),
as MkDocs names files; :func:`page_url` is the URL MkDocs gives one (``use_directory_urls``).
Links between pages are relative, so the site works from any folder of any host.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from ..language.normalize import normalize
from ..model import Article

HOME = "index.md"
TOPICS_INDEX = "topics/index.md"
TAGS_INDEX = "tags/index.md"
ARCHIVE_INDEX = "archive/index.md"
UNDATED = "archive/undated/index.md"
SOURCES_INDEX = "sources/index.md"
TIMELINE = "timeline/index.md"
FEED = "feed.xml"
SEARCH_ROOT = "search/digest"

# A readable slug is cut at this many characters (a URL, not a sentence).
SLUG_MAX = 60
# Diacritics, tatweel and invisible joiners: not letters of a slug (they would split words).
_MARKS_RE = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f]")


def article_uri(article: Article) -> str:
    return f"articles/{article.id}.md"


def raw_uri(article: Article) -> str:
    """The seed as scraped, shown right to left (a standalone HTML file, not a themed page)."""
    return f"raw/{article.id}.html"


def story_uri(story_id: str) -> str:
    """A story's page: its versions side by side (the id is its first report's)."""
    return f"stories/{story_id}.md"


def topic_uri(slug: str) -> str:
    return f"topics/{slug}/index.md"


def topic_feed(slug: str) -> str:
    return f"topics/{slug}/feed.xml"


def mentions_uri(slug: str) -> str:
    return f"topics/{slug}/mentions/index.md"


def tag_uri(slug: str) -> str:
    return f"tags/{slug}/index.md"


def source_uri(slug: str) -> str:
    return f"sources/{slug}/index.md"


def month_uri(year: int, month: int) -> str:
    return f"archive/{year}/{month:02d}/index.md"


def search_url(article: Article) -> str:
    """The URL a search result links to (relative to the site root)."""
    return page_url(article_uri(article))


def paged(first: str, n: int) -> str:
    """Page ``n`` of the listing whose first page is ``first`` (``…/index.md``)."""
    return first if n == 1 else f"{first[: -len('index.md')]}page/{n}.md"


def page_url(uri: str) -> str:
    """The URL MkDocs gives a source file (use_directory_urls)."""
    if uri.endswith("index.md"):
        return uri[: -len("index.md")]
    return uri[: -len(".md")] + "/"


def link(from_uri: str, to_uri: str) -> str:
    """Relative link between two source files, as MkDocs resolves (and validates) them:
    ``posixpath.relpath(to_uri, dirname(from_uri))`` for our plain relative URIs, computed
    on the strings (relpath makes both absolute first; this runs for every listing link)."""
    base = from_uri.split("/")[:-1]
    target = to_uri.split("/")
    common = 0
    while common < len(base) and common < len(target) - 1 and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:])


def root_of(from_uri: str) -> str:
    """The relative URL from the built page of ``from_uri`` (or from the file ``from_uri``,
    when it is not a page) up to the site root."""
    return "../" * (page_url(from_uri) if from_uri.endswith(".md") else from_uri).count("/")


def href(from_uri: str, to_uri: str) -> str:
    """Relative URL between the built pages of two source files, for raw HTML (MkDocs only
    rewrites links that Markdown produced): up to the site root, then down to the target
    (a page's URL, or a file's path for anything that is not a page).
    (String work only: this runs for every entry of every listing.)"""
    return root_of(from_uri) + (page_url(to_uri) if to_uri.endswith(".md") else to_uri)


def ascii_slug(name: str) -> str:
    """An ASCII slug for a name; Arabic names get a stable digest of their normal form."""
    slug = "-".join(re.findall(r"[a-z0-9]+", name.lower()))
    return slug or "t-" + hashlib.sha1(normalize(name).encode("utf-8")).hexdigest()[:10]


def readable_slug(name: str) -> str:
    """A slug a reader can read, in the name's own script: "قره-باغ", "tass".

    Letters and digits only (after NFKC; no dot, slash or percent sign can reach a path),
    words joined by "-", cut at :data:`SLUG_MAX` characters on a word; a name with no letter
    gets :func:`ascii_slug`'s digest."""
    text = _MARKS_RE.sub("", unicodedata.normalize("NFKC", name)).lower()
    words = re.findall(r"[^\W_]+", text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_MAX:
            break
        slug = candidate
    return slug or ascii_slug(name)
