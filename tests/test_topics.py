"""The topic rule on crafted text: the same words about other conflicts are not ours."""

PARA = "\n\n"


def test_russia_ukraine_peace_talks_are_not_the_peace_treaty(make_article):
    article = make_article(
        "جولة جديدة من محادثات السلام بين روسيا وأوكرانيا في جدة" + PARA
        + "تشهد مدينة جدة جولة جديدة من محادثات السلام بين وفدي روسيا وأوكرانيا. وقال الكرملين إن المفاوضات ستكون معقدة."
    )
    assert article.topics == []


def test_another_countrys_border_delimitation_is_not_ours(make_article):
    article = make_article(
        "بدأت مصر والسودان أعمال ترسيم الحدود بينهما في منطقة حلايب." + PARA
        + "وقال مسؤول إن اللجنة المشتركة لترسيم الحدود ستجتمع الشهر المقبل في الخرطوم مع ممثلين عن مصر."
    )
    assert "border-delimitation" not in article.topics


def test_peacekeepers_elsewhere_are_not_ours(make_article):
    article = make_article("مددت الأمم المتحدة مهمة قوات حفظ السلام في لبنان عاما آخر بعد مشاورات.")
    assert article.topics == []


def test_peace_alone_is_not_a_peace_treaty_and_peacekeeping_is_not_peace(make_article):
    article = make_article("دعا الوزير إلى إحلال السلام والاستقرار في جنوب القوقاز وبين أرمينيا وأذربيجان.")
    assert article.topics == []
    article = make_article("انسحبت قوات حفظ السلام الروسية من قره باغ قبل الموعد المحدد.")
    assert article.topics == ["peacekeepers"]


def test_anchor_in_a_neighbouring_sentence_counts(make_article):
    article = make_article(
        "اجتمع وزيرا خارجية أرمينيا وأذربيجان في ألماتي. وناقشا نص معاهدة السلام المقترحة."
    )
    assert article.topics == ["peace-treaty"]
    assert article.evidence["peace-treaty"] == ["وناقشا نص معاهدة السلام المقترحة."]


def test_a_sentence_naming_another_conflict_needs_its_own_anchor(make_article):
    article = make_article(
        "زار الوزير يريفان أمس. وقال إن محادثات السلام بين روسيا وأوكرانيا متعثرة."
    )
    assert article.topics == []


def test_removed_boilerplate_never_counts(make_article):
    article = make_article(
        "وزير الخارجية الروسي يلتقي نظيره الأرميني في موسكو" + PARA
        + "التقى وزير الخارجية الروسي نظيره الأرميني في موسكو لبحث العلاقات الثنائية." + PARA
        + "كلمات دلالية: معاهدة السلام أرمينيا أذربيجان ترسيم الحدود" + PARA
        + "اقرأ أيضا:" + PARA
        + "أرمينيا وأذربيجان تبحثان معاهدة السلام وترسيم الحدود وقوات حفظ السلام في قره باغ."
    )
    assert article.topics == []
    assert "أذربيجان" in article.tags  # keyword lines still feed tags
