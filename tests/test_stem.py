"""The light stem used to compare a headline's words with its article's (never search)."""

import pytest

from digest.language.normalize import analyze
from digest.language.stem import light_stem, stems


@pytest.mark.parametrize(
    ("form", "stem"),
    [
        ("مواقعنا", "مواقع"),
        ("مواقعهم", "مواقع"),
        ("استهدافات", "استهداف"),
        ("احتجاجيه", "احتجاج"),  # الاحتجاجية, folded
        ("احتجاجا", "احتجاج"),
        ("متظاهرون", "متظاهر"),
        ("متظاهرين", "متظاهر"),
        ("بلادهما", "بلاد"),
        ("روسيه", "روس"),
        ("باكو", "باكو"),  # nothing to strip
        ("سلام", "سلام"),
        ("نا", "نا"),  # too short to strip: three letters must remain
        ("كتبها", "كتب"),
    ],
)
def test_vectors(form, stem):
    assert light_stem(form) == stem


def test_headline_and_lead_forms_meet():
    headline = [set(stems(t)) for t in analyze("لن نغادر مواقعنا رغم الاستهدافات")]
    lead = set().union(*(stems(t) for t in analyze("باقون في مواقعهم رغم استهداف مقراتهم")))
    assert sum(1 for t in headline if t & lead) == 3  # مواقع، رغم، استهداف
