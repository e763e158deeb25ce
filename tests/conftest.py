import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def pipeline():
    from digest.parse.assembly import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_articles(pipeline):
    return {path.name[:3]: pipeline.file(path) for path in sorted(SEEDS.glob("*.txt"))}


@pytest.fixture
def make_article(pipeline):
    """An article from crafted text, as a seed file would give it."""

    def make(text: str, name: str = "crafted.txt"):
        return pipeline.article(name, text.encode("utf-8"))

    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The real site, built once per session by `mkdocs build --strict` from the real seeds."""
    import subprocess

    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def build_tree(tmp_path_factory):
    """Build a copy of the project with other seeds: returns (returncode, log, site dir)."""
    import shutil
    import subprocess

    def build(seeds: dict[str, bytes], strict: bool | None = True):
        """``strict=None``: no flag, as mkdocs.yml says (a plain `mkdocs build`)."""
        root = tmp_path_factory.mktemp("tree")
        for name in ("mkdocs.yml", "docs", "hooks", "digest", "overrides"):
            src = ROOT / name
            (shutil.copytree if src.is_dir() else shutil.copy)(src, root / name)
        (root / "seeds").mkdir()
        for name, data in seeds.items():
            (root / "seeds" / name).write_bytes(data)
        flag = [] if strict is None else ["--strict"] if strict else ["--no-strict"]
        cmd = [sys.executable, "-m", "mkdocs", "build", "-d", str(root / "site")] + flag
        result = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
        return result.returncode, result.stderr, root / "site"

    return build


@pytest.fixture(scope="session")
def serve():
    """Serve a built site on 127.0.0.1 (a free port); returns a function site → base URL."""
    import functools
    import http.server
    import threading

    servers = []

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            # As a host does: the site's own 404 page for an address that does not exist.
            page = Path(self.directory) / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    def start(directory):
        handler = functools.partial(Quiet, directory=str(directory))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page_in(browser):
    """A fresh page at 1280 px; the test fails if a script on it throws (and, with
    ``console_errors``, if the console logs an error)."""
    contexts, errors = [], []

    def open_page(console_errors: bool = False):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        if console_errors:
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert not errors, errors


@pytest.fixture
def page(page_in):
    return page_in()


SCREENSHOTS = ROOT / "artifacts" / "screenshots"


def plant_files_not_seeds(seeds: Path, outside: Path) -> dict[str, str]:
    """Put in ``seeds`` what must never be read as a seed: links (to /etc/passwd, to a secret
    in ``outside``, to /proc, dangling), a folder and a named pipe. Returns file → a word of
    the reason its error must give."""
    import os

    secret = outside / "secret.txt"
    secret.write_text("كلمة السر: 1234 مفتاح خاص لا ينشر أبدا.\n" * 3, encoding="utf-8")
    (seeds / "passwd.txt").symlink_to("/etc/passwd")
    (seeds / "secret.txt").symlink_to(secret)
    (seeds / "status.txt").symlink_to("/proc/self/status")
    (seeds / "dangling.txt").symlink_to(outside / "nowhere.txt")
    (seeds / "folder.txt").mkdir()
    os.mkfifo(seeds / "pipe.txt")
    return {"passwd.txt": "symbolic link", "secret.txt": "symbolic link", "status.txt": "symbolic link",
            "dangling.txt": "dangling", "folder.txt": "folder", "pipe.txt": "pipe"}


def squashed(text: str) -> str:
    return " ".join(text.split())


def assert_accounted(article) -> None:
    """Every non-blank line of the seed is placed: as a body paragraph or a removed entry;
    inside a paragraph that a hard line break had split over several lines; or cut in two
    (a crawler's prefix or a lead's dateline removed, the rest kept). Nothing is invented:
    every placed piece is a line of the seed, a piece of one, or consecutive lines joined."""
    placed = [*article.body, *(r.text for r in article.removed)]
    lines = [squashed(raw) for raw in article.raw.split("\n") if squashed(raw)]
    bare = lambda s: s.replace(" ", "")  # noqa: E731
    whole = bare("".join(lines))
    pieces = {bare(p) for p in placed}
    for line in lines:
        if line in placed or any(line in p for p in article.body):
            continue
        assert any(bare(line) == a + b for a in pieces for b in pieces if a and b and bare(line).startswith(a)), line
    for piece in placed:
        assert bare(piece) in whole, piece
