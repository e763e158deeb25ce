"""The hook reports seeds in error through MkDocs' logger: strict builds fail on them, not on
ordinary gaps such as an unknown date."""

from conftest import SEEDS


def test_a_seed_in_error_fails_the_strict_build_and_names_the_file(build_tree):
    good = (SEEDS / "004_0ba9f4aca8c64938.txt").read_bytes()  # no date: a gap, not an error
    code, log, _ = build_tree({"004_0ba9f4aca8c64938.txt": good, "broken.txt": b"\xff\xfe\x00\x01" * 100})
    assert code != 0
    assert "broken.txt" in log and "binary data" in log


def test_the_other_seeds_still_build_without_strict(build_tree):
    good = (SEEDS / "004_0ba9f4aca8c64938.txt").read_bytes()
    code, log, site = build_tree({"004_0ba9f4aca8c64938.txt": good, "empty.txt": b""}, strict=False)
    assert code == 0 and "empty.txt: empty file" in log
    assert (site / "articles/0ba9f4aca8c64938/index.html").is_file()


def test_gaps_do_not_fail_a_strict_build(build_tree):
    code, log, _ = build_tree({"004_0ba9f4aca8c64938.txt": (SEEDS / "004_0ba9f4aca8c64938.txt").read_bytes()})
    assert code == 0, log[-2000:]
    assert "no date" in log


def test_serve_watches_the_seeds_the_taxonomy_and_the_package():
    """`mkdocs serve` rebuilds when a seed, the taxonomy or the pipeline changes."""
    import importlib.util

    from conftest import ROOT
    from mkdocs.config import load_config

    spec = importlib.util.spec_from_file_location("digest_hook_under_test", ROOT / "hooks" / "digest_hook.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    config = load_config(str(ROOT / "mkdocs.yml"))
    hook.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path):
            self.watched.append(path)

    server = hook.on_serve(Server(), config, None)
    watched = set(server.watched)
    assert str(ROOT / "seeds") in watched
    assert str(ROOT / "digest" / "data" / "taxonomy.yaml") in watched
    assert str(ROOT / "digest") in watched


def test_a_plain_build_publishes_the_good_seeds_and_ends_with_a_summary(build_tree):
    # mkdocs.yml is not strict: one broken file among good ones must not stop a deploy.
    good = (SEEDS / "004_0ba9f4aca8c64938.txt").read_bytes()
    code, log, site = build_tree({"004_0ba9f4aca8c64938.txt": good, "empty.txt": b"", "zz.bin": b"\x00"}, strict=None)
    assert code == 0, log[-2000:]
    assert (site / "articles/0ba9f4aca8c64938/index.html").is_file()
    summary = log[log.index("digest: 1 article published, 2 quarantined"):]
    assert "empty.txt: empty file" in summary and "zz.bin: not a seed" in summary
