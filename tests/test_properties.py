"""Property-based tests of the reader and the cleaner (hypothesis)."""

from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import assert_accounted
from digest.model import SeedError
from digest.parse.reader import decode_seed

LINES = [
    "وزير الخارجية الروسي يبحث مع نظيره الأذربيجاني الأوضاع في قره باج",
    "تاريخ النشر: 27th, September 2023 GMT",
    "22:3118/10/2024, الجمعة",
    "الأناضول",
    "بحث وزير الخارجية الروسي سيرجي لافروف مع نظيره الأذربيجاني تطورات الأوضاع.",
    "وتمت مناقشة معاهدة السلام بين باكو ويريفان، وترسيم الحدود الأرمينية الأذربيجانية.",
    "المصدر: نوفوستي+Rt",
    "كلمات دلالية: روسيا أرمينيا أذربيجان",
    "إقرأ أيضاً:",
    "مقالات مشابهة",
    "  • روسيا تعلن الأهداف الأوكرانية المستثناة",
    "#الغرب",
    "#جنوب القوقاز",
    "قبل شهر 1 | الأخبار | عربي ودولي",
    "مشاركة |",
    "لا تعليق!",
    "الصورة: وزارة الخارجية الروسية",
    "إلهام علييف",
    "اليوم الأربعاء الموافق 5 يونيو",
    "# عنوان",
    "<script>alert(1)</script>",
    "---",
    "",
    " ",
]

line = st.one_of(st.sampled_from(LINES), st.text(max_size=80).map(lambda s: s.replace("\n", " ")))


def squash(text: str) -> str:
    return " ".join(text.split())


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_read_or_raise_only_seed_error(data):
    try:
        text = decode_seed("seeds/x.txt", data)
    except SeedError as error:
        assert error.path == "seeds/x.txt" and error.reason
    else:
        assert isinstance(text, str) and text.strip()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=2000))
def test_any_text_becomes_an_article_or_raises_only_seed_error(pipeline, text):
    try:
        article = pipeline.article("seeds/x.txt", text.encode("utf-8"))
    except SeedError as error:
        assert error.path == "seeds/x.txt"
    else:
        assert article.title


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(line, min_size=1, max_size=30))
def test_body_and_removed_parts_account_for_every_line(pipeline, lines):
    try:
        article = pipeline.article("seeds/x.txt", "\n".join(lines).encode("utf-8"))
    except SeedError:
        return
    assert_accounted(article)


# Source URIs as the renderer makes them: relative, "/"-separated, no "." or ".." parts,
# folders and files never of the same name.
_FOLDERS = st.lists(st.sampled_from(["a", "b", "topics", "page", "tags"]), max_size=4)
_URI = st.tuples(_FOLDERS, st.sampled_from(["index.md", "2.md", "x.md"])).map(lambda p: "/".join([*p[0], p[1]]))


@given(_URI, _URI)
def test_link_is_posix_relpath_between_source_files(from_uri, to_uri):
    import posixpath

    from digest.site.urls import link

    assert link(from_uri, to_uri) == posixpath.relpath(to_uri, posixpath.dirname(from_uri) or ".")
