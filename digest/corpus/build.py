"""A folder of seeds → the digest: every file ends as an article or an error saying why.

Pass 1 reads every entry in folder order and looks it up in the cache; the seeds the cache
did not have are parsed (:mod:`.parallel`); pass 2 gives ids, applies overrides and drops
exact duplicates, each with an error naming the file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Article, SeedError
from ..parse.assembly import Pipeline, article_id
from ..parse.reader import MAX_BYTES, SEED_SUFFIX, read_bounded
from .cache import ArticleCache
from .discover import Entry, list_folder
from .overrides import SUFFIXES, apply_override, load_override
from .parallel import parse_all


@dataclass
class Digest:
    """Every seed of a folder accounted for: an article, or an error saying why not."""

    articles: list[Article] = field(default_factory=list)
    errors: list[SeedError] = field(default_factory=list)


def _sidecar(path: Path, names: set[str]) -> Path | None:
    for suffix in SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.name in names:
            return candidate
    return None


@dataclass
class _Seed:
    path: Path
    data: bytes
    ident: str
    key: str = ""
    result: Article | SeedError | None = None


def build_digest(
    seeds_dir: Path, pipeline: Pipeline | None = None, cache: ArticleCache | None = None, workers: int | None = None
) -> Digest:
    """Every file of ``seeds_dir`` ends as an article or an error; nothing is skipped silently.

    With a ``cache``, seeds whose bytes (and the code and data) did not change since the last
    build are not parsed again; the others are parsed by :func:`parse_all`."""
    pipeline = pipeline or Pipeline()
    digest = Digest()
    if not seeds_dir.is_dir():
        digest.errors.append(SeedError(str(seeds_dir), "the seeds folder does not exist"))
        return digest
    listing = list_folder(seeds_dir)
    files = [e.path for e in listing if isinstance(e, Entry)]
    names = {p.name for p in files}  # regular files only: a link is never a seed nor a sidecar
    seeds = {n for n in names if n.endswith(SEED_SUFFIX) and not n.startswith(".")}
    # Pass 1, in folder order: what is not a seed is an error; a seed is read and looked up
    # in the cache.
    entries: list[_Seed | SeedError] = [e for e in listing if isinstance(e, SeedError)]
    for path in files:
        if path.name.endswith(SUFFIXES) and not path.name.startswith("."):
            if path.with_suffix(SEED_SUFFIX).name not in seeds:
                entries.append(SeedError(str(path), f"override without a seed (no {path.with_suffix(SEED_SUFFIX).name})"))
            continue
        if path.name.startswith("."):
            entries.append(SeedError(str(path), "hidden file: not published (rename it without the leading dot, or remove it)"))
            continue
        if not path.name.endswith(SEED_SUFFIX):
            entries.append(SeedError(str(path), f"not a seed: only *{SEED_SUFFIX} files are published"))
            continue
        try:
            seed = _Seed(path, read_bounded(path, MAX_BYTES), article_id(path.name))
        except SeedError as error:
            entries.append(error)
            continue
        if cache:
            seed.key = cache.key(str(path), seed.ident, seed.data)
            seed.result = cache.get(seed.key)
        entries.append(seed)
    # Parse what the cache did not have.
    todo = [e for e in entries if isinstance(e, _Seed) and e.result is None]
    parsed = parse_all(pipeline, [(str(e.path), e.data, e.ident) for e in todo], workers)
    for seed, result in zip(todo, parsed):
        seed.result = result
        if cache and isinstance(result, Article):
            cache.put(seed.key, result)
    # Pass 2, in folder order: ids, overrides, duplicates.
    used_ids: set[str] = set()
    by_content: dict[str, str] = {}
    for entry in entries:
        if isinstance(entry, SeedError):
            digest.errors.append(entry)
            continue
        path, article = entry.path, entry.result
        if isinstance(article, SeedError) or article is None:
            digest.errors.append(article or SeedError(str(path), "not parsed"))
            continue
        ident = entry.ident
        attempt = 0
        while ident in used_ids:
            # Two names, one URL: keep both, the later one with a suffix from its full name
            # (and, should that suffix be another seed's id too, from its name and a count:
            # after all suffixing every id, hence every URL, is unique).
            salt = path.name if attempt == 0 else f"{path.name}#{attempt}"
            ident = f"{entry.ident}-{hashlib.sha1(salt.encode('utf-8', 'surrogateescape')).hexdigest()[:6]}"
            attempt += 1
        if ident != entry.ident:
            article = replace(article, id=ident)
        try:
            sidecar = _sidecar(path, names)
            if sidecar is not None:
                apply_override(article, load_override(sidecar, pipeline.taxonomy))
        except SeedError as error:
            digest.errors.append(error)
            continue
        except OSError as error:
            digest.errors.append(SeedError(str(path), f"cannot be read ({error.strerror or error})"))
            continue
        fingerprint = hashlib.sha256(article.raw.strip().encode("utf-8")).hexdigest()
        if fingerprint in by_content:
            digest.errors.append(SeedError(str(path), f"same text as {by_content[fingerprint]}: published once, under that name"))
            continue
        by_content[fingerprint] = path.name
        used_ids.add(ident)
        digest.articles.append(article)
    if cache:
        cache.save()
    return digest
