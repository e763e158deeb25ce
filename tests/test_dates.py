"""Publication dates: every format the seeds use, the inference rule, and no invention."""

import pytest

from digest.language.dates import calendar
from digest.parse.cleaner import boilerplate


def date_line(line):
    return calendar().date_line(line, boilerplate().date_labels)


@pytest.mark.parametrize(
    "line, iso",
    [
        ("تاريخ النشر: 27th, September 2023 GMT", "2023-09-27"),
        ("22:3118/10/2024, الجمعة", "2024-10-18"),
        ("نشر في 2024-03-05 10:00", "2024-03-05"),
        ("الخميس 7 شباط 2019", "2019-02-07"),
        ("آخر تحديث: 12 جوان 2022", "2022-06-12"),
        ("September 27, 2023", "2023-09-27"),
    ],
)
def test_datelines(line, iso):
    found = date_line(line)
    assert found is not None and not found.widget
    result = calendar().publication_date([found], [], "", [])
    assert (result.iso, result.source) == (iso, line)


def test_a_sentence_with_a_date_is_not_a_dateline():
    assert date_line("وقع القادة البيان في 9 نوفمبر 2020 بعد معارك استمرت أسابيع") is None


def test_today_phrase_with_levantine_month():
    cal = calendar()
    lead = ["اتصال هاتفي اليوم الجمعة 1 تشرين الأول/ أكتوبر 2021."]
    assert cal.publication_date([], lead, lead[0], []).iso == "2021-10-01"


def test_year_inference_rule():
    cal = calendar()
    lead = ["قال الوزير اليوم الأربعاء الموافق 5 يونيو إن المحادثات جرت في مايو 2023."]
    result = cal.publication_date([], lead, lead[0], [])
    # 5 June is a Monday in 2023 and a Wednesday in 2024.
    assert (result.iso, result.inferred) == ("2024-06-05", True)
    assert "2023" in result.note


def test_no_inference_without_weekday_or_without_a_year():
    cal = calendar()
    lead = ["قال الوزير اليوم 5 يونيو إن المحادثات جرت في 2023."]
    assert cal.publication_date([], lead, lead[0], []).iso is None
    lead = ["قال الوزير اليوم الأربعاء 5 يونيو إن المحادثات مستمرة."]
    assert cal.publication_date([], lead, lead[0], []).iso is None


def test_relative_date_is_unknown_not_today():
    result = calendar().publication_date([], ["قال الرئيس إن ..."], "", ["قبل شهر 1 | الأخبار"])
    assert result.iso is None and not result.inferred


def test_dates_mentioned_in_the_body_are_not_the_publication_date(make_article):
    article = make_article("وقع قادة أذربيجان وأرمينيا وروسيا البيان في 9 نوفمبر 2020 لوقف القتال.")
    assert article.date is None


def test_display_in_arabic():
    cal = calendar()
    assert cal.display("2023-09-27") == "27 سبتمبر 2023"
    assert cal.display(None) == "غير معروف"
