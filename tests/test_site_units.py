"""digest/site/: URLs and slugs, the HTML builder, the Arabic wording, marked evidence."""

import pytest

from digest.site import labels, urls
from digest.site.html import Markup, el, join
from digest.site.pages import lead_shown, mark_phrases


@pytest.mark.parametrize("name, slug", [
    ("قره باغ", "قره-باغ"),
    ("#مُعاهدة_السلام", "معاهدة-السلام"),  # diacritics do not split a word; "_" is a separator
    ("TASS", "tass"),
    ("a/b.c%2e", "a-b-c-2e"),  # no dot, slash or percent sign reaches a path
    ("ﻣﻮﺳﻜﻮ", "موسكو"),  # presentation forms folded (NFKC)
])
def test_readable_slugs(name, slug):
    assert urls.readable_slug(name) == slug


def test_a_slug_without_letters_is_a_digest_and_long_ones_are_cut_on_a_word():
    assert urls.readable_slug("...").startswith("t-")
    long = urls.readable_slug(" ".join(["كلمة"] * 40))
    assert len(long) <= urls.SLUG_MAX and not long.endswith("-")


def test_hrefs_go_up_to_the_root_then_down():
    assert urls.href("articles/x.md", "tags/russia/index.md") == "../../tags/russia/"
    assert urls.href("index.md", "feed.xml") == "feed.xml"
    assert urls.href("topics/t/index.md", "topics/t/feed.xml") == "../../topics/t/feed.xml"
    # From a file that is not a page (the raw seed): up from its own folder, not one more.
    assert urls.href("raw/x.html", "articles/x.md") == "../articles/x/"
    assert urls.paged("tags/x/index.md", 3) == "tags/x/page/3.md"


def test_the_builder_escapes_text_and_attributes_but_not_markup():
    html = el("a", '<b>"x"</b> & y', href='"><script>', class_="c", hidden=True, title=None)
    assert html == '<a href="&#34;&gt;&lt;script&gt;" class="c" hidden>&lt;b&gt;&#34;x&#34;&lt;/b&gt; &amp; y</a>'
    assert el("p", el("em", "a"), " ", [Markup("<br>"), None, "<"]) == "<p><em>a</em> <br>&lt;</p>"
    assert join(["<", el("i", "x")], "، ") == "&lt;، <i>x</i>"


@pytest.mark.parametrize("n, text", [
    (0, "لا مقالات"), (1, "مقال واحد"), (2, "مقالان"), (3, "3 مقالات"), (10, "10 مقالات"),
    (11, "11 مقالًا"), (100, "100 مقالًا"), (103, "103 مقالات"),
])
def test_count_agreement(n, text):
    assert labels.count_label(n) == text


def test_reading_time_and_dates(make_article):
    article = make_article("عنوان الخبر هنا\n" + " ".join(["كلمة"] * 600) + ".")
    assert labels.reading_time(article) == "قراءة في 3 دقائق"
    article.body = ["كلمة " * 50]
    assert labels.reading_time(article) == "قراءة في دقيقة"
    article.body = ["كلمة " * 2000]
    assert labels.reading_time(article) == "قراءة في 11 دقيقة"
    from digest.language.dates import calendar

    assert labels.full_date_label(calendar(), "2023-09-27") == "الأربعاء 27 سبتمبر 2023"
    assert labels.full_date_label(calendar(), None) == "دون تاريخ"


def test_headline_and_excerpt_do_not_repeat_the_lead(make_article):
    article = make_article("بحث الوزير الوضع في باكو مع نظيره اليوم.\nوقال الوزير إن المحادثات كانت بناءة ومفيدة للطرفين.")
    article.title = "بحث الوزير الوضع في باكو مع نظيره اليوم."
    article.summary = article.title
    assert labels.headline(article) == "بحث الوزير الوضع في باكو مع نظيره اليوم"
    assert labels.excerpt(article).startswith("وقال الوزير")  # not the headline again
    article.title = "عنوان مختلف تمامًا..."
    assert labels.headline(article) == "عنوان مختلف تمامًا..."  # an ellipsis stays


def test_a_lead_cut_from_the_first_paragraph_is_not_shown(make_article):
    article = make_article("عنوان\nفقرة أولى طويلة تكفي لتكون خبرًا. وفيها جملة ثانية.")
    article.body = ["فقرة أولى طويلة تكفي لتكون خبرًا. وفيها جملة ثانية."]
    article.summary = "فقرة أولى طويلة تكفي …"
    assert not lead_shown(article)
    article.summary = "عنوان فرعي يلخص الخبر"
    assert lead_shown(article)


def test_evidence_marks_the_phrase_in_any_spelling():
    marked = mark_phrases("وبحثا مُعاهدة السلام وإعداد معاهده سلام <b>", ["معاهدة السلام", "معاهدة سلام"])
    assert marked == "وبحثا <mark>مُعاهدة السلام</mark> وإعداد <mark>معاهده سلام</mark> &lt;b&gt;"
    assert mark_phrases("لا شيء هنا", ["معاهدة السلام"]) == "لا شيء هنا"
