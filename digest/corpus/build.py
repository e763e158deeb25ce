"""A folder of seeds → the digest: every file ends as an article or an error saying why.

Pass 1 reads every entry in folder order and looks it up in the cache; the seeds the cache
did not have are parsed (:mod:`.parallel`); pass 2 gives ids, applies overrides and drops
exact duplicates, each with an error naming the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..model import Article, SeedError
from ..parse.assembly import Pipeline, article_id
from ..parse.reader import MAX_BYTES, SEED_SUFFIX, read_bounded
from .cache import ArticleCache, record_version, seed_key
from .discover import Entry, list_folder
from .overrides import SUFFIXES, apply_override, load_override
from .parallel import parse_all


@dataclass
class Digest:
    """Every seed of a folder accounted for: an article, or an error saying why not."""

    articles: list[Article] = field(default_factory=list)
    errors: list[SeedError] = field(default_factory=list)
    # article id → a hash of the article's record as published (the parsed record, its id,
    # its override): equal versions, equal articles. Made from the record, not the seed, so
    # that a taxonomy edit that changes no article's topics changes no version.
    versions: dict[str, str] = field(default_factory=dict)


Signature = tuple[int, int, int, int]


@dataclass
class SeedMemo:
    """The seeds of the last build of one process (``mkdocs serve`` builds again and again):
    a seed whose file has the same size, times and inode is not read or looked up again;
    its parsed article (never modified: overrides make a new record) is used as it is."""

    fingerprint: str = ""
    seeds: dict[str, tuple[Signature, str, Article, str]] = field(default_factory=dict)  # key, article, version


def _sidecar(path: Path, names: set[str]) -> Path | None:
    stem = path.name.rsplit(".", 1)[0]
    for suffix in SUFFIXES:
        if stem + suffix in names:
            return path.with_suffix(suffix)
    return None


@dataclass
class _Seed:
    path: Path
    data: bytes
    ident: str
    key: str = ""
    result: Article | SeedError | None = None
    signature: Signature | None = None
    version: str = ""  # of the parsed record (cache.record_version)


def build_digest(
    seeds_dir: Path,
    pipeline: Pipeline | None = None,
    cache: ArticleCache | None = None,
    workers: int | None = None,
    memo: SeedMemo | None = None,
    save: bool = True,
) -> Digest:
    """Every file of ``seeds_dir`` ends as an article or an error; nothing is skipped silently.

    With a ``cache``, seeds whose bytes (and the code and data) did not change since the last
    build are not parsed again; the others are parsed by :func:`parse_all`. With a ``memo``
    (kept by the caller between builds), unchanged seed files are not even read; ``save``:
    write the cache now (a server writes it when it stops)."""
    pipeline = pipeline or Pipeline()
    digest = Digest()
    fingerprint = cache.fingerprint if cache else ""
    if memo is not None and memo.fingerprint != fingerprint:
        memo.seeds, memo.fingerprint = {}, fingerprint
    if cache:
        cache.begin()
    if not seeds_dir.is_dir():
        digest.errors.append(SeedError(str(seeds_dir), "the seeds folder does not exist"))
        return digest
    listing = list_folder(seeds_dir)
    files = [e.path for e in listing if isinstance(e, Entry)]
    signatures = {e.path: e.signature for e in listing if isinstance(e, Entry)}
    names = {p.name for p in files}  # regular files only: a link is never a seed nor a sidecar
    seeds = {n for n in names if n.endswith(SEED_SUFFIX) and not n.startswith(".")}
    # Pass 1, in folder order: what is not a seed is an error; a seed is read and looked up
    # in the cache.
    entries: list[_Seed | SeedError] = [e for e in listing if isinstance(e, SeedError)]
    for path in files:
        name = path.name
        if name.endswith(SUFFIXES) and not name.startswith("."):
            if path.with_suffix(SEED_SUFFIX).name not in seeds:
                entries.append(SeedError(str(path), f"override without a seed (no {path.with_suffix(SEED_SUFFIX).name})"))
            continue
        if name.startswith("."):
            entries.append(SeedError(str(path), "hidden file: not published (rename it without the leading dot, or remove it)"))
            continue
        if not name.endswith(SEED_SUFFIX):
            entries.append(SeedError(str(path), f"not a seed: only *{SEED_SUFFIX} files are published"))
            continue
        signature = signatures[path]
        known = memo.seeds.get(str(path)) if memo is not None else None
        if known is not None and signature == known[0]:
            seed = _Seed(path, b"", article_id(name), known[1], known[2], signature, known[3])
            if cache:
                cache.keep(seed.key)
            entries.append(seed)
            continue
        try:
            seed = _Seed(path, read_bounded(path, MAX_BYTES), article_id(name))
        except SeedError as error:
            entries.append(error)
            continue
        seed.key = seed_key(fingerprint, str(path), seed.ident, seed.data)
        if cache:
            seed.result = cache.get(seed.key)
            if seed.result is not None:
                seed.version = cache.version(seed.key)
        seed.signature = signature
        entries.append(seed)
    # Parse what the cache did not have.
    todo = [e for e in entries if isinstance(e, _Seed) and e.result is None]
    parsed = parse_all(pipeline, [(str(e.path), e.data, e.ident) for e in todo], workers)
    for seed, result in zip(todo, parsed):
        seed.result = result
        if isinstance(result, Article):
            seed.version = cache.put(seed.key, result) if cache else record_version(result)
    if memo is not None:
        memo.seeds = {
            str(e.path): (e.signature, e.key, e.result, e.version) for e in entries
            if isinstance(e, _Seed) and isinstance(e.result, Article) and e.signature is not None
        }
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
        version = [entry.version, ident]
        try:
            sidecar = _sidecar(path, names)
            if sidecar is not None:
                override = load_override(sidecar, pipeline.taxonomy)
                article = apply_override(article, override)
                version.append(json.dumps(override.values, ensure_ascii=False, sort_keys=True, default=str))
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
        digest.versions[ident] = hashlib.sha256("\0".join(version).encode("utf-8", "surrogatepass")).hexdigest()[:32]
    if cache and save:
        cache.save()
    return digest
