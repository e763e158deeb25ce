"""Issue 15, first step: near-duplicate detection (digest/corpus/stories.py) on crafted
stories, written for these tests: one wire report republished with other headlines,
boilerplate and a changed paragraph is one story; two meetings of the same people on
different days are two."""

from __future__ import annotations

from digest.corpus.stories import MAX_DAYS, shingles, sketch, stories
from digest.model import Article

WIRE = [
    "التقى وزيرا خارجية أرمينيا وأذربيجان يوم الاثنين في العاصمة الكازاخية ألماتي لبحث مسودة معاهدة السلام بين البلدين.",
    "وقالت وزارة الخارجية الأرمينية في بيان إن الجانبين اتفقا على مواصلة العمل على النقاط العالقة في النص.",
    "وأضاف البيان أن الوزيرين ناقشا أيضا ترسيم الحدود المشتركة وفتح طرق النقل في المنطقة.",
    "من جهتها أكدت الخارجية الأذربيجانية أن المحادثات جرت في أجواء بناءة وأن جولة جديدة ستعقد قريبا.",
    "وتأتي هذه الجولة بعد أشهر من التوتر على الحدود بين البلدين اللذين خاضا حربين على إقليم قره باغ.",
    "ورحبت كازاخستان باستضافة المحادثات وقالت إنها مستعدة لتقديم كل ما يلزم لإنجاحها.",
]


def article(ident: str, title: str, body: list[str], day: str | None, source: str) -> Article:
    return Article(id=ident, path=f"{ident}.txt", title=title, date=day, sources=[source], body=body)


def copies() -> list[Article]:
    tass = article("tass", "وزيرا خارجية أرمينيا وأذربيجان يلتقيان في ألماتي", WIRE, "2024-05-13", "تاس")
    # Another headline, the outlet's boilerplate around the same text.
    rt = article("rt", "محادثات أرمينية أذربيجانية جديدة في كازاخستان",
                 ["تابعوا آخر الأخبار على قناتنا في تلغرام."] + WIRE + ["اقرأ المزيد: أخبار القوقاز"], "2024-05-13", "آر تي")
    # A day later, one paragraph rewritten and the last one dropped.
    edited = list(WIRE[:-1])
    edited[2] = "وأشار البيان إلى أن الحديث تناول كذلك مسألة الحدود والممرات التي تربط البلدين."
    mayadeen = article("mayadeen", "ألماتي تستضيف لقاء بين بايراموف وميرزويان", edited, "2024-05-14", "الميادين")
    return [tass, rt, mayadeen]


def other_meeting() -> Article:
    # The same two ministers, another meeting, weeks later: other sentences.
    return article("later", "لقاء جديد بين وزيري خارجية أرمينيا وأذربيجان في واشنطن", [
        "عقد وزيرا خارجية أرمينيا وأذربيجان جولة محادثات في واشنطن بدعوة من وزير الخارجية الأمريكي.",
        "وركز اللقاء على آليات ضمان تنفيذ أي اتفاق يوقعه الطرفان في المستقبل.",
        "ولم يصدر عن الجانبين بيان مشترك في ختام اللقاء الذي استمر ساعتين.",
    ], "2024-06-20", "الأناضول")


def test_copies_with_other_headlines_boilerplate_and_an_edit_are_one_story():
    found = stories(copies() + [other_meeting()])
    assert [[a.id for a in story] for story in found] == [["rt", "tass", "mayadeen"]]
    assert found[0][0].date == "2024-05-13"  # the first report leads


def test_the_same_people_on_another_day_are_another_story():
    assert stories([copies()[0], other_meeting()]) == []


def test_the_same_text_weeks_apart_is_not_one_story():
    tass, rt, _ = copies()
    late = article("late", rt.title, rt.body, "2024-06-30", "آر تي")
    assert stories([tass, late]) == []
    near = article("near", rt.title, rt.body, f"2024-05-{13 + MAX_DAYS}", "آر تي")
    assert [a.id for a in stories([tass, near])[0]] == ["tass", "near"]


def test_grouping_keeps_every_article_and_ignores_input_order():
    items = copies() + [other_meeting()]
    forward = [[a.id for a in s] for s in stories(items)]
    backward = [[a.id for a in s] for s in stories(list(reversed(items)))]
    assert forward == backward
    assert {a.id for s in stories(items) for a in s} <= {a.id for a in items}


def test_sketches_agree_as_the_texts_do():
    tass, rt, _ = copies()
    a, b, c = sketch(shingles(tass)), sketch(shingles(rt)), sketch(shingles(other_meeting()))
    assert sum(x == y for x, y in zip(a, b)) > sum(x == y for x, y in zip(a, c))
    assert sketch(()) == sketch(frozenset())  # an empty text is never anybody's copy
    assert stories([article("e1", "t", [], None, "x"), article("e2", "t", [], None, "x")]) == []


def test_copies_of_copies_do_not_chain_unrelated_reports():
    # A ≈ B and B ≈ C (each shares most sentences with the next), but A and C share little:
    # C does not join A's story through B.
    a = article("a", "t", WIRE[:4], "2024-05-13", "x")
    b = article("b", "t", WIRE[1:5], "2024-05-13", "y")
    c = article("c", "t", WIRE[2:6], "2024-05-14", "z")
    found = [[x.id for x in story] for story in stories([c, b, a])]
    assert found == [["a", "b"]]


def test_the_stories_command_lists_a_folders_stories(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    (tmp_path / "a_tass.txt").write_text(
        "وزيرا خارجية أرمينيا وأذربيجان يلتقيان في ألماتي\n\nموسكو - تاس - الاثنين 13 مايو 2024\n\n" + "\n\n".join(WIRE) + "\n",
        encoding="utf-8")
    (tmp_path / "b_rt.txt").write_text(
        "محادثات أرمينية أذربيجانية جديدة في كازاخستان\n\n" + "\n\n".join(WIRE[:5]) + "\n\nتابعوا آخر الأخبار على قناتنا في تلغرام.\n",
        encoding="utf-8")
    (tmp_path / "c_other.txt").write_text(
        other_meeting().title + "\n\n" + "\n\n".join(other_meeting().body) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "digest", "stories", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "story a-tass: 2 articles", lines
    assert "a_tass.txt" in lines[1] and "b_rt.txt" in lines[2]
    assert lines[-1] == "1 story of more than one article, 2 of 3 articles"


def test_inspect_gives_each_record_its_story(tmp_path):
    import json
    import subprocess
    import sys

    from conftest import ROOT

    wire = "\n\n".join(WIRE)
    (tmp_path / "a_tass.txt").write_text("وزيرا خارجية أرمينيا وأذربيجان يلتقيان في ألماتي\n\n" + wire + "\n", encoding="utf-8")
    (tmp_path / "b_rt.txt").write_text("محادثات أرمينية أذربيجانية جديدة في كازاخستان\n\n" + wire + "\n\nتابعوا قناتنا.\n", encoding="utf-8")
    (tmp_path / "c_other.txt").write_text(other_meeting().title + "\n\n" + "\n\n".join(other_meeting().body) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "digest", "inspect", *sorted(str(p) for p in tmp_path.glob("*.txt"))],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    story = {r["id"]: r["story"] for r in json.loads(result.stdout)}
    assert story == {"a-tass": "a-tass", "b-rt": "a-tass", "c-other": "c-other"}


def test_grouping_kept_between_builds_equals_a_fresh_grouping():
    """StoryMemo (what `mkdocs serve` keeps): after each of 60 random edits (texts, dates,
    articles added and removed), grouping with the memo equals grouping from scratch."""
    import random

    from digest.corpus.stories import StoryMemo, group

    rng = random.Random(15)
    sentences = WIRE + other_meeting().body + [
        "وقال متحدث باسم الحكومة إن بلاده تتابع المحادثات عن كثب وتدعم كل خطوة نحو السلام.",
        "وذكرت وسائل إعلام محلية أن الوفدين سيلتقيان مرة أخرى قبل نهاية الشهر الجاري.",
        "وأعلنت اللجنة المشتركة أنها أنهت وضع العلامات على جزء جديد من خط الحدود.",
    ]

    def make(n: int) -> Article:
        body = rng.sample(sentences, k=rng.randrange(2, 6))
        return article(f"a{n}", "t", body, f"2024-05-{rng.randrange(10, 20)}" if rng.random() < 0.8 else None, "x")

    articles = [make(n) for n in range(24)]
    memo = StoryMemo()
    for step in range(60):
        kind = rng.randrange(4)
        if kind == 0 and articles:
            a = rng.choice(articles)
            a.body = rng.sample(sentences, k=rng.randrange(2, 6))
        elif kind == 1 and articles:
            rng.choice(articles).date = f"2024-05-{rng.randrange(10, 20)}"
        elif kind == 2 and len(articles) > 4:
            articles.remove(rng.choice(articles))
        else:
            articles.append(make(100 + step))
        assert group(articles, memo) == group(articles), step
    assert len(set(group(articles).values())) < len(articles)  # the edits left stories to find
