"""The five real seeds, against the table of issue #2, line by line."""

import pytest

from conftest import SEEDS, assert_accounted
from digest.language.normalize import normalize
from digest.model import Kind

EXPECTED = {
    "000": dict(
        id="71b24d93f0e166c3",
        title="وزير الخارجية الروسي يبحث مع نظيره الأذربيجاني الأوضاع في قره باج",
        date="2023-09-27", inferred=False, sources=["صدى البلد"],
        topics=["peace-treaty", "border-delimitation"],
    ),
    "001": dict(
        id="0795dd7ba1cf26a9",
        title="صرح نائب وزير الخارجية الروسي ميخائيل جالوزين",
        date="2024-06-05", inferred=True, sources=["بوابة الوفد"],
        topics=["peace-treaty", "border-delimitation", "peacekeepers"],
    ),
    "002": dict(
        id="5f9c524816c939ca",
        title="لافروف من إسطنبول: الغرب يهدد الأمن في جنوب القوقاز",
        date="2024-10-18", inferred=False, sources=["الأناضول"], topics=["peace-treaty"],
    ),
    "003": dict(
        id="e95859598815607c",
        title="بحث وزير الخارجية الروسي سيرغي لافروف ووزير الخارجية الأرمني",
        date="2021-10-01", inferred=False, sources=["تاس"], topics=["peacekeepers"],
    ),
    "004": dict(
        id="0ba9f4aca8c64938",
        title="الرئيس الروسي بوتين: روسيا تهتم دائما بالاستقرار وتدعم أرمينيا بشأن قضايا الأمن",
        date=None, inferred=False, sources=["نوفوستي", "RT"], topics=["peace-treaty"],
    ),
}

# Text that must not be in a body: boilerplate and other stories glued to the article.
NOT_IN_BODY = {
    "000": ["إقرأ أيضاً", "عبد العاطي", "صير بني ياس", "المصدر", "كلمات دلالية"],
    "001": ["جدة", "أوكرانيا", "مقالات مشابهة", "روسيا ترحب برغبة تركيا في الانضمام إلى البريكس",
            "المصدر", "كلمات دلالية", "زيلينسكي"],
    "002": ["#", "الأناضول"],
    "003": ["مجموعة الرؤية الاستراتيجية", "الصورة:", "المصدر"],
    "004": ["مشاركة |", "لا تعليق", "مؤشر حرية الصحافة", "قبل شهر", "المصدر"],
}

# Sentences of the article that must survive cleaning (first and last of each, and a few
# that sit next to removed lines).
IN_BODY = {
    "000": ["بحث وزير الخارجية الروسي سيرجي لافروف مع نظيره الأذربيجاني جيهون بيراموف",
            "من المستحيل تاريخيا وجغرافيا وجيوسياسيا خسارة روسيا"],
    "001": ["صرح نائب وزير الخارجية الروسي ميخائيل جالوزين",
            "وقال جالوزين في تصريحاته خلال مقابلته",
            "نظمت احتجاجات في يريفان ومحافظة تافوش"],
    "002": ["قال وزير الخارجية الروسي سيرغي لافروف، الجمعة",
            "التي لم تختر المشاركة في الاجتماعين الأولين بسبب علاقاتها المتوترة مع روسيا"],
    "003": ["بحث وزير الخارجية الروسي سيرغي لافروف ووزير الخارجية الأرمني",
            "وانتشرت قوات روسية لحفظ السلام على طول خط التماس ومعبر \"لاتشين\""],
    "004": ["في اجتماع قادة دول منظمة معاهدة الأمن الجماعي",
            "لكن من الضروري التفاوض مع أذربيجان\"، وفقا لبوتين"],
}


def test_five_seeds_are_present():
    assert sorted(p.name[:3] for p in SEEDS.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_record_matches_the_table(seed_articles, seed):
    article, expected = seed_articles[seed], EXPECTED[seed]
    assert article.id == expected["id"]
    assert article.title.startswith(expected["title"])
    assert article.date == expected["date"]
    assert article.date_inferred is expected["inferred"]
    assert article.sources == expected["sources"]
    assert article.topics == expected["topics"]
    assert set(article.evidence) == set(expected["topics"])


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_body_holds_the_article_and_nothing_else(seed_articles, seed):
    body = "\n".join(seed_articles[seed].body)
    for text in NOT_IN_BODY[seed]:
        assert text not in body
    for text in IN_BODY[seed]:
        assert text in body


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_every_line_is_accounted_for(seed_articles, seed):
    """Each non-blank line of the seed is in the body or removed with a reason."""
    assert_accounted(seed_articles[seed])


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_evidence_quotes_come_from_the_body(seed_articles, seed):
    article = seed_articles[seed]
    text = "\n".join([article.title, article.summary, *article.body])
    for quotes in article.evidence.values():
        assert quotes and all(q in text for q in quotes)


def test_headline_repeated_three_times_appears_once(seed_articles):
    article = seed_articles["002"]
    title = normalize(article.title)
    assert sum(normalize(p) == title for p in article.body) == 0
    assert [r.kind for r in article.removed].count(Kind.DUPLICATE_TITLE) == 2
    assert article.summary.startswith("وزير الخارجية الروسي سيرغي لافروف: دول من خارج المنطقة")


def test_headline_less_seeds_take_their_first_sentence(seed_articles):
    for seed in ("001", "003"):
        article = seed_articles[seed]
        assert article.title_from_lead
        assert article.body[0].startswith(article.title.rstrip(" …"))


def test_tags_resolve_aliases_to_one_canonical_name(seed_articles):
    # ناجورني قره باج (000) and ناغورني قره باغ (003) are one tag; سيرجي/سيرغي لافروف too.
    assert "قره باغ" in seed_articles["000"].tags and "قره باغ" in seed_articles["003"].tags
    assert "سيرغي لافروف" in seed_articles["000"].tags and "سيرغي لافروف" in seed_articles["002"].tags
    for article in seed_articles.values():
        assert len(article.tags) == len(set(article.tags))
        assert not {"ناجورني قره باج", "سيرجي لافروف", "قره باج"} & set(article.tags)


def test_keyword_line_is_not_split_into_junk_tags(seed_articles):
    # "كلمات دلالية: وزير الخارجية الروسي سيرجي لافروف ناجورني قره باج باكو قره باج"
    tags = seed_articles["000"].tags
    assert {"باكو", "قره باغ", "سيرغي لافروف"} <= set(tags)
    assert not {"وزير", "الخارجية", "الروسي", "ناجورني", "قره", "باج"} & set(tags)


def test_hashtags_and_tag_lines_become_tags(seed_articles):
    assert {"الغرب", "تركيا", "جنوب القوقاز", "روسيا"} <= set(seed_articles["002"].tags)
    assert "إلهام علييف" in seed_articles["004"].tags


def test_quoted_agency_is_not_the_publisher(seed_articles):
    # 000 quotes "روسيا اليوم" (RT) and 001 quotes "تاس": neither published them.
    assert seed_articles["000"].sources == ["صدى البلد"]
    assert seed_articles["001"].sources == ["بوابة الوفد"]


def test_unknown_date_is_explained(seed_articles):
    article = seed_articles["004"]
    assert article.date is None and "relative" in article.date_note
