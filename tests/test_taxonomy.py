"""The entities of the taxonomy as a reader meets them (issue 13, entity pages): a precise
kind, the few names a reader recognises (kept apart from the search aliases) and a
description worth reading; and the checks that keep a hand edit of them honest."""

import re

import pytest
import yaml

from digest.language.normalize import analyze, normalize
from digest.taxonomy import DEFAULT_PATH, KINDS, MAX_NAMES, PLACE_KINDS, Entity, Taxonomy, TaxonomyError

SHIPPED = Taxonomy.load()


def _index(slug: str) -> int:
    return [e.slug for e in SHIPPED.entities].index(slug)


def _load_edited(tmp_path, edit) -> Taxonomy:
    data = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "taxonomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return Taxonomy.load(path)


def _entry(data, slug):
    return next(e for e in data["entities"] if e["slug"] == slug)


# -- kinds -----------------------------------------------------------------------------------------


def test_kinds_are_person_organisation_and_three_kinds_of_place():
    assert set(KINDS) == {"person", "country", "city", "territory", "organisation"}
    assert set(PLACE_KINDS) == {"country", "city", "territory"}
    for kind in KINDS:
        entity = Entity(slug="x", label="س", kind=kind, region="other", description="", aliases=("س",))
        assert entity.is_place == (kind in ("country", "city", "territory")), kind


@pytest.mark.parametrize("kind", ["place", "Person", "", None, ["person"], "state"])
def test_a_bad_kind_is_an_error_naming_the_entry_and_the_allowed_kinds(tmp_path, kind):
    n = _index("karabakh")

    def edit(data):
        if kind is None:
            del _entry(data, "karabakh")["kind"]
        else:
            _entry(data, "karabakh")["kind"] = kind

    with pytest.raises(TaxonomyError) as raised:
        _load_edited(tmp_path, edit)
    message = str(raised.value)
    assert f"taxonomy.yaml: entities[{n}]" in message and "'kind'" in message
    assert all(k in message for k in KINDS), message


def test_the_shipped_entities_have_precise_kinds():
    kind = {e.slug: e.kind for e in SHIPPED.entities}
    assert {s for s, k in kind.items() if k == "country"} >= {"armenia", "azerbaijan", "russia", "turkey", "iran"}
    assert {s for s, k in kind.items() if k == "city"} >= {"yerevan", "baku", "moscow"}
    assert {s for s, k in kind.items() if k == "territory"} >= {"karabakh", "lachin-corridor", "tavush", "south-caucasus"}
    assert kind["sergey-lavrov"] == "person" and kind["csto"] == "organisation"
    # The topic rule needs every place of another conflict to be a place ("other:place").
    assert all(e.is_place for e in SHIPPED.entities if e.region == "other")


# -- display names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "names", "message"),
    [
        ("karabakh", ["ناغورني قره باغ", "ناغورنو كاراباخ", "قره باج", "كاراباخ"], "at most 3"),
        ("karabakh", "ناغورني قره باغ", "must be a list of strings"),
        ("karabakh", {"a": "ناغورني قره باغ"}, "must be a list of strings"),
        ("karabakh", [["قره باج"]], "must be a list of strings"),
        ("karabakh", ["<b>قره باج</b>"], "holds markup"),
        ("karabakh", ["[قره باج](javascript:alert(1))"], "holds markup"),
        ("karabakh", ["&lt;قره باج"], "holds markup"),
        ("karabakh", ["-"], "no letters or digits"),
        ("karabakh", ["قره باغ"], "the label again"),
        ("ararat-mirzoyan", ["أرارات ميرزويان"], "the label again"),  # the label, but for a hamza
        ("brics", ["البريكس"], "the label again"),  # the label, but for the article
        ("karabakh", ["قره باج", "قرة باج"], "again"),  # two names, one once normalised
        ("armenia", ["الروسية"], "names 'russia'"),  # another entity (and an adjective)
        ("russia", ["موسكو"], "names 'moscow'"),
    ],
)
def test_bad_names_are_errors_naming_the_entry_and_the_key(tmp_path, slug, names, message):
    n = _index(slug)
    with pytest.raises(TaxonomyError) as raised:
        _load_edited(tmp_path, lambda data: _entry(data, slug).update(names=names))
    text = str(raised.value)
    assert f"taxonomy.yaml: entities[{n}]" in text and "'names'" in text and message in text, text


def test_names_are_sanitised_and_optional(tmp_path):
    def edit(data):
        _entry(data, "karabakh")["names"] = ["ناغورني\u202e  قره باغ\x07"]
        del _entry(data, "armenia")["names"]

    taxonomy = _load_edited(tmp_path, edit)
    assert taxonomy.entity_by_slug["karabakh"].names == ("ناغورني قره باغ",)
    assert taxonomy.entity_by_slug["armenia"].names == ()


def test_names_are_for_display_only_never_matched(tmp_path):
    taxonomy = _load_edited(tmp_path, lambda data: _entry(data, "brics").update(names=["مجموعة الاقتصادات الناشئة"]))
    assert taxonomy.entity_by_slug["brics"].names == ("مجموعة الاقتصادات الناشئة",)
    assert taxonomy.entity_by_slug["brics"].aliases == SHIPPED.entity_by_slug["brics"].aliases
    assert taxonomy.entity_matcher.find(analyze("اجتمعت مجموعة الاقتصادات الناشئة في قمة")) == []
    assert [m.key for m in taxonomy.entity_matcher.find(analyze("اجتمعت دول بريكس في قمة"))] == ["brics"]


# An adjective or demonym (الروسي، الروسية، الأذربيجانيين، أرمينية) heads its phrase with a
# nisba ending; a name heads it with a noun (جمهورية أرمينيا، روسيا الاتحادية، الاتحاد الروسي),
# with the label's own head (دميتري / ديمتري), or qualifies the label as a whole (ناغورني قره باغ).
# "جمهورية" is the one noun with that ending that heads a state's name.
_NISBA = re.compile(r"(?:ي|يه|يين|يون)$")


def _adjectival(name: str, label: str) -> bool:
    norm, label_norm = normalize(name), normalize(label)
    head, label_head = norm.split()[0], label_norm.split()[0]
    if not _NISBA.search(head) or _NISBA.search(label_head) or head == "جمهوريه":
        return False
    return f" {label_norm} " not in f" {norm} "


def test_the_adjective_check_catches_the_adjectives_among_the_aliases():
    """The check below means something: it flags every one-word adjective or demonym the
    shipped aliases hold, and none of the names a reader knows."""
    adjectives = [
        (a, e.label) for e in SHIPPED.entities if e.is_place for a in e.aliases
        if len(a.split()) == 1 and a.startswith(("ال", "أ")) and a.endswith(("ي", "ية", "يين"))
    ]
    assert {a for a, _ in adjectives} >= {"الروسي", "الروسية", "الأرمينية", "الأرمني", "أرمينية", "الأذربيجانيين",
                                          "التركي", "الإيرانية", "الأوكراني", "الأمريكية"}
    assert all(_adjectival(a, label) for a, label in adjectives)
    for name, label in [("جمهورية أرمينيا", "أرمينيا"), ("روسيا الاتحادية", "روسيا"), ("الاتحاد الروسي", "روسيا"),
                        ("ديمتري بيسكوف", "دميتري بيسكوف"), ("القوقاز الجنوبي", "جنوب القوقاز"),
                        ("ناغورني قره باغ", "قره باغ")]:
        assert not _adjectival(name, label), name


def test_the_shipped_names_are_names_a_reader_recognises():
    named = [e for e in SHIPPED.entities if e.names]
    assert len(named) >= 8
    assert SHIPPED.entity_by_slug["karabakh"].names[:2] == ("ناغورني قره باغ", "ناغورنو كاراباخ")
    for entity in SHIPPED.entities:
        assert len(entity.names) <= MAX_NAMES, entity.slug
        for name in entity.names:
            assert not _adjectival(name, entity.label), (entity.slug, name)
            assert normalize(name) != normalize(entity.label), (entity.slug, name)
            if entity.kind == "person":
                assert len(name.split()) >= 2, (entity.slug, name)  # never a surname alone


# -- descriptions ----------------------------------------------------------------------------------

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def test_every_entity_has_a_description_worth_reading():
    for entity in SHIPPED.entities:
        text = entity.description
        assert len(text) >= 25 and len(text.split()) >= 6, (entity.slug, text)
        assert text.endswith("."), (entity.slug, text)  # whole sentences
        assert normalize(text) != normalize(entity.label), entity.slug
        letters = [c for c in text if c.isalpha()]
        assert sum(bool(_ARABIC_LETTER.match(c)) for c in letters) >= 0.95 * len(letters), (entity.slug, text)
    for topic in SHIPPED.topics:
        assert len(topic.description) >= 25, topic.slug
