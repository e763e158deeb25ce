"""The normalisation, held to the vectors the JavaScript mirror is held to as well."""

import json
from pathlib import Path

import pytest

from digest.language.normalize import analyze, fold, normalize, same_word

VECTORS = json.loads((Path(__file__).parent / "vectors" / "normalize.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: repr(c["input"])[:30])
def test_vector(case):
    assert normalize(case["input"]) == case["normalized"]
    assert [list(f) for f in analyze(case["input"])] == case["forms"]


@pytest.mark.parametrize("pair", VECTORS["equivalent"], ids=lambda p: "≡".join(p))
def test_equivalent_spellings_are_the_same_words(pair):
    a, b = (analyze(x) for x in pair)
    assert len(a) == len(b) and all(same_word(x, y) for x, y in zip(a, b))


def test_folding_rules_one_by_one():
    assert fold("أإآٱ") == "اااا"
    assert fold("ةى") == "هي"
    assert fold("ؤئ") == "وي"
    assert fold("مُعَاهَدَةٌ") == "معاهده"
    assert fold("قـــره") == "قره"
    assert fold("a\u200fb\u202ec\ufeff") == "abc"
    assert fold("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_clitics_never_make_different_words_equal():
    assert not same_word(analyze("سلام")[0], analyze("إسلام")[0])
    assert not same_word(analyze("ورد")[0], analyze("رد")[0])  # و of a 3-letter word stays
    assert same_word(analyze("وبوتين")[0], analyze("لبوتين")[0])
    assert same_word(analyze("بباكو")[0], analyze("باكو")[0])
