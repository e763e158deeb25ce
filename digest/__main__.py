"""Command line: ``python -m digest inspect FILE...`` (each record with its story among
the files), ``check [DIR]``, ``stories [DIR]``, ``evaluate LABELS`` and
``export DIR``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .model import SeedError
from .corpus.build import build_digest
from .corpus.stories import group, stories
from .parse.assembly import Pipeline


def _inspect(files: list[str]) -> int:
    pipeline = Pipeline()
    articles, status = [], 0
    for name in files:
        try:
            articles.append(pipeline.file(Path(name)))
        except SeedError as error:
            print(f"error: {error}", file=sys.stderr)
            status = 1
    # Each record's story among the files given (digest/corpus/stories.py).
    story = group(articles)
    records = [{**a.to_json(), "story": story[a.id]} for a in articles]
    json.dump(records, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return status


def _check(directory: str) -> int:
    digest = build_digest(Path(directory))
    for article in digest.articles:
        detail = "; ".join(str(w) for w in article.warnings)
        print(f"ok    {article.path}" + (f"  ({detail})" if detail else ""))
    for error in digest.errors:
        print(f"error {error}")
    print(f"{len(digest.articles)} ok, {len(digest.errors)} in error")
    return 1 if digest.errors else 0


def _stories(directory: str) -> int:
    """The stories of a folder (digest/corpus/stories.py): each with its first report's id,
    then its articles, earliest first."""
    digest = build_digest(Path(directory))
    found = stories(digest.articles)
    for story in found:
        print(f"story {story[0].id}: {len(story)} articles")
        for article in story:
            print(f"  {article.date or 'undated':10}  {'، '.join(article.sources) or '?'}  {article.title}  ({article.path})")
    print(f"{len(found)} {'story' if len(found) == 1 else 'stories'} of more than one article, {sum(map(len, found))} of {len(digest.articles)} articles")
    return 0


def _evaluate(labels: str, show_misses: bool) -> int:
    from .corpus.evaluate import LabelsError, evaluate

    try:
        report = evaluate(Path(labels))
    except LabelsError as error:
        print(f"error {error}", file=sys.stderr)
        return 2
    for line in report.lines():
        print(line)
    if show_misses and report.misses:
        print(f"\nmisses ({len(report.misses)}):")
        for line in report.misses:
            print(f"  {line}")
    return 0


def _export(directory: str, config: str) -> int:
    from .site.export import export

    errors = export(Path(directory), Path(config))
    for error in errors:
        print(f"error {error}", file=sys.stderr)
    print(f"exported to {directory}: build it with `mkdocs build -f {directory}/mkdocs.yml`"
          f" or, in {directory}, `zensical build` (it reads zensical.toml)")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m digest", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="print the article records of seed files as JSON")
    inspect.add_argument("files", nargs="+")
    check = commands.add_parser("check", help="one line per seed: ok (with warnings) or error")
    check.add_argument("directory", nargs="?", default="seeds")
    grouped = commands.add_parser("stories", help="the stories of a folder: articles that report the same event")
    grouped.add_argument("directory", nargs="?", default="seeds")
    evaluate = commands.add_parser("evaluate", help="score the parser on a labelled corpus (see digest/corpus/evaluate.py)")
    evaluate.add_argument("labels")
    evaluate.add_argument("--no-misses", action="store_true", help="print the figures only")
    export = commands.add_parser("export", help="write the site's pages as files, buildable without the hook")
    export.add_argument("directory")
    export.add_argument("--config", default="mkdocs.yml")
    args = parser.parse_args(argv)
    if args.command == "inspect":
        return _inspect(args.files)
    if args.command == "evaluate":
        return _evaluate(args.labels, not args.no_misses)
    if args.command == "export":
        return _export(args.directory, args.config)
    if args.command == "stories":
        return _stories(args.directory)
    return _check(args.directory)


if __name__ == "__main__":
    sys.exit(main())
