"""Parsing many seeds: shared among forked worker processes when that is safe and worth it."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..model import Article, SeedError
from ..parse.assembly import Pipeline

# Parsing is pure and CPU-bound: with this many seeds to parse (a first build, a changed
# taxonomy) worker processes share it. Below it, starting them costs more than it saves.
PARALLEL_MIN_SEEDS = 200
_PR_SET_PDEATHSIG = 1

_worker_pipeline: Pipeline | None = None


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to kill this worker when the process that forked it dies, however it
    dies (SIGTERM, SIGKILL, a crash): a stopped build leaves no parser behind. Linux only
    (prctl PR_SET_PDEATHSIG), which is also the only system where workers are forked."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request took effect


def _init_worker(pipeline: Pipeline, parent: int) -> None:
    global _worker_pipeline
    _die_with_parent(parent)
    # The parent handles Ctrl-C; a worker interrupted mid-seed would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
                initializer=_init_worker, initargs=(pipeline, os.getpid()),
            ) as pool:
                return list(pool.map(_parse_in_worker, tasks, chunksize=max(1, len(tasks) // (workers * 8))))
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had here: parse in this one
    return [_parse(pipeline, task) for task in tasks]
