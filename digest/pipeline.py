"""The pipeline: seed file → :class:`Article` (read → clean → enrich), and a whole folder.

Pure Python; MkDocs is the hook's business.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path

from .cache import ArticleCache
from .cleaner import Cleaner
from .dates import Calendar, calendar
from .enrich import Enricher
from .model import Article, SeedError
from .overrides import SUFFIXES, apply_override, load_override
from .reader import SEED_SUFFIX, decode_seed, seed_files
from .taxonomy import Taxonomy
from .text import sentences, shorten

TITLE_MAX_CHARS = 140
SUMMARY_MAX_CHARS = 300
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_HASHED_NAME_RE = re.compile(r"^\d+_(?P<hash>[0-9a-f]{8,})$")


def article_id(file_name: str) -> str:
    """A stable ASCII id from a seed's file name: ``000_71b24d93f0e166c3.txt`` → the hash."""
    stem = file_name[: -len(SEED_SUFFIX)] if file_name.endswith(SEED_SUFFIX) else file_name
    hashed = _HASHED_NAME_RE.match(stem)
    if hashed:
        return hashed["hash"]
    slug = "-".join(re.findall(r"[a-z0-9]+", stem.lower()))
    if slug:
        return slug[:60]
    # A name with no ASCII letters (Arabic): a short digest of it, stable across builds.
    return "seed-" + hashlib.sha1(file_name.encode("utf-8")).hexdigest()[:10]


class Pipeline:
    def __init__(self, taxonomy: Taxonomy | None = None, cal: Calendar | None = None) -> None:
        self.taxonomy = taxonomy or Taxonomy.load()
        self.calendar = cal or calendar()
        self.cleaner = Cleaner(self.taxonomy, self.calendar)
        self.enricher = Enricher(self.taxonomy)

    def article(self, name: str, data: bytes, article_id_: str | None = None) -> Article:
        """One seed's bytes → an :class:`Article`; raises :class:`SeedError` naming ``name``."""
        text = decode_seed(name, data)
        cleaned = self.cleaner.clean(text)
        if not cleaned.body and cleaned.title is None:
            raise SeedError(name, "no article text (every line is boilerplate)")
        warnings: list[str] = []
        if cleaned.title is not None:
            title, from_lead = cleaned.title, False
        else:
            title, from_lead = shorten(sentences(cleaned.body[0])[0], TITLE_MAX_CHARS), True
        if not cleaned.body:
            warnings.append("no body: the seed has a headline only")
        paragraphs = [title] + ([cleaned.subtitle] if cleaned.subtitle else []) + cleaned.body
        if from_lead:
            paragraphs = paragraphs[1:]  # the title is the lead's first sentence: count it once
        article_text = "\n".join(paragraphs)
        published = self.calendar.publication_date(
            cleaned.datelines, cleaned.body[:3], article_text, cleaned.relative_dates
        )
        sources = []
        for name_ in cleaned.source_names:
            known = self.taxonomy.source_named(name_)
            sources.append(known.label if known else name_)
        sources = list(dict.fromkeys(sources))
        enrichment = self.enricher.enrich(paragraphs, cleaned.keywords, cleaned.hashtags)
        summary = cleaned.subtitle or (shorten(cleaned.body[0], SUMMARY_MAX_CHARS) if cleaned.body else "")
        if published.iso is None:
            warnings.append(f"no date ({published.note})")
        elif published.inferred:
            warnings.append(f"inferred date ({published.note})")
        if not sources:
            warnings.append("no source")
        if not enrichment.topics:
            warnings.append("no topic")
        return Article(
            cited_dates=self.cited_dates(cleaned.body, published.iso),
            id=article_id_ or article_id(name),
            path=name,
            title=title,
            title_from_lead=from_lead,
            date=published.iso,
            date_inferred=published.inferred,
            date_note=published.note,
            sources=sources,
            summary=summary,
            body=cleaned.body,
            tags=enrichment.tags,
            entities=enrichment.entities,
            topics=enrichment.topics,
            evidence=enrichment.evidence,
            removed=cleaned.removed,
            warnings=warnings,
            raw=text,
        )

    def cited_dates(self, body: list[str], published: str | None) -> list[dict[str, str]]:
        cited: dict[str, str] = {}
        for paragraph in body:
            if not _YEAR_RE.search(paragraph):
                continue  # a complete date needs a year: most paragraphs have none
            for sentence in sentences(paragraph):
                for mention in self.calendar.mentions(sentence):
                    iso = mention.iso()
                    if iso and iso != published and iso not in cited:
                        cited[iso] = sentence
        return [{"date": iso, "sentence": sentence} for iso, sentence in cited.items()]

    def file(self, path: Path) -> Article:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SeedError(str(path), f"cannot be read ({error.strerror or error})") from None
        return self.article(str(path), data, article_id(path.name))


@dataclass
class Digest:
    """Every seed of a folder accounted for: an article, or an error saying why not."""

    articles: list[Article] = field(default_factory=list)
    errors: list[SeedError] = field(default_factory=list)


def _sidecar(path: Path) -> Path | None:
    for suffix in SUFFIXES:
        candidate = path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


# Parsing is pure and CPU-bound: with this many seeds to parse (a first build, a changed
# taxonomy) worker processes share it. Below it, starting them costs more than it saves.
PARALLEL_MIN_SEEDS = 200

_worker_pipeline: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _parse(pipeline: Pipeline, task: tuple[str, bytes, str]) -> Article | SeedError:
    try:
        return pipeline.article(*task)
    except SeedError as error:
        return error


def _parse_in_worker(task: tuple[str, bytes, str]) -> Article | SeedError:
    assert _worker_pipeline is not None
    return _parse(_worker_pipeline, task)


def _can_fork() -> bool:
    # Workers are forked: they inherit the pipeline and never re-import the caller's main
    # module (spawn and forkserver do, which breaks any caller script without a main guard).
    # Forking is only safe in a process with one thread (`mkdocs serve` has more: it then
    # parses in process), and on Linux (macOS libraries may hold threads of their own).
    return sys.platform.startswith("linux") and threading.active_count() == 1


def parse_all(pipeline: Pipeline, tasks: list[tuple[str, bytes, str]], workers: int | None = None) -> list[Article | SeedError]:
    """``pipeline.article(name, data, id)`` for every task, in order; an article or the
    error saying why not. Many tasks are shared among ``workers`` processes (default: one
    per core) where that is safe; the result is the same either way."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers > 1 and len(tasks) >= PARALLEL_MIN_SEEDS and _can_fork():
        try:
            with ProcessPoolExecutor(
                workers, mp_context=multiprocessing.get_context("fork"),
                initializer=_init_worker, initargs=(pipeline,),
            ) as pool:
                return list(pool.map(_parse_in_worker, tasks, chunksize=max(1, len(tasks) // (workers * 8))))
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had here: parse in this one
    return [_parse(pipeline, task) for task in tasks]


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
    files = seed_files(seeds_dir)
    seeds = {p.name for p in files if p.name.endswith(SEED_SUFFIX) and not p.name.startswith(".")}
    # Pass 1, in folder order: what is not a seed is an error; a seed is read and looked up
    # in the cache.
    entries: list[_Seed | SeedError] = []
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
            seed = _Seed(path, path.read_bytes(), article_id(path.name))
        except OSError as error:
            entries.append(SeedError(str(path), f"cannot be read ({error.strerror or error})"))
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
        if ident in used_ids:
            # Two names, one URL: keep both, the later one with a suffix from its full name.
            ident = f"{ident}-{hashlib.sha1(path.name.encode('utf-8')).hexdigest()[:6]}"
            article = replace(article, id=ident)
        try:
            sidecar = _sidecar(path)
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
