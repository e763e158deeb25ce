"""The site's Arabic wording: counts with number agreement, dates with their weekday,
reading time, kinds of names and of removed lines. Pages say things only through here.
"""

from __future__ import annotations

import datetime as dt

from ..language.dates import Calendar
from ..language.normalize import normalize
from ..model import Article, Kind

SITE_NAME = "موجز القوقاز"
UNDATED = "دون تاريخ"
UNKNOWN_SOURCE = "مصدر غير معروف"
INFERRED_SHORT = "تاريخ تقديري: استُنتج مما يذكره النص، وصفحة الخبر تشرح كيف"
HOME = "الرئيسية"
TOPICS = "المواضيع"
TAGS = "الوسوم"
ARCHIVE = "الأرشيف"
SOURCES = "المصادر"
TIMELINE = "التواريخ المفصلية"

# The chip on an entity's page and the group of the tags index, by the taxonomy's kind
# ("keyword" for a tag the taxonomy does not know: a keyword or hashtag of the article).
KIND_LABELS = {
    "country": "دولة", "territory": "منطقة", "city": "مدينة",
    "person": "شخصية", "organisation": "منظمة", "keyword": "وسم",
}
# Headings of the tags index, in this order.
KIND_GROUPS = {
    "country": "دول", "territory": "مناطق", "city": "مدن",
    "person": "شخصيات", "organisation": "منظمات", "keyword": "وسوم وكلمات مفتاحية",
}

# What the folded "removed" note calls each kind of line (the title and subtitle are shown
# as such, not listed).
REMOVED_LABELS = {
    Kind.DUPLICATE_TITLE: "عنوان مكرر", Kind.DUPLICATE: "فقرة مكررة", Kind.KICKER: "عنوان فرعي علوي",
    Kind.DATELINE: "سطر التاريخ", Kind.DATE_WIDGET: "تاريخ أو ساعة الصفحة لا النشر",
    Kind.SOURCE: "سطر المصدر", Kind.BYLINE: "اسم الكاتب", Kind.CAPTION: "تعليق صورة",
    Kind.PHOTO_CREDIT: "حقوق الصورة", Kind.KEYWORDS: "كلمات دلالية", Kind.HASHTAGS: "وسوم",
    Kind.TAG_LINE: "سطر وسم", Kind.MASTHEAD: "ترويسة الموقع", Kind.NAVIGATION: "قوائم التنقل",
    Kind.TICKER: "شريط أخبار", Kind.SUBSCRIBE: "دعوة إلى المتابعة والاشتراك",
    Kind.SCRAPER: "أثر أداة الجمع", Kind.WIDGET: "أزرار المشاركة والتنقل",
    Kind.TEASER: "عنوان خبر آخر", Kind.READ_ALSO: "«اقرأ أيضًا» وما بعده",
    Kind.RELATED: "مقالات مشابهة", Kind.FOOTER: "تذييل الموقع",
}

# Monday first, as datetime.weekday() counts.
WEEKDAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
# Words an Arabic reader reads in a minute (news prose, silent reading).
WORDS_PER_MINUTE = 180


def count_label(n: int, one: str = "مقال", two: str = "مقالان", few: str = "مقالات", many: str = "مقالًا") -> str:
    """Arabic number agreement: مقال واحد، مقالان، 3 مقالات، 11 مقالًا."""
    if n == 0:
        return f"لا {few}"
    if n == 1:
        return f"{one} واحد"
    if n == 2:
        return two
    if 3 <= n % 100 <= 10:
        return f"{n} {few}"
    return f"{n} {many}"


def others_label(n: int) -> str:
    """The other outlets of a story, after its card's publisher: ومصدر آخر، ومصدران آخران،
    و3 مصادر أخرى، و11 مصدرًا آخر."""
    if n == 1:
        return "ومصدر آخر"
    if n == 2:
        return "ومصدران آخران"
    if 3 <= n % 100 <= 10:
        return f"و{n} مصادر أخرى"
    return f"و{n} مصدرًا آخر"


def versions_label(n: int) -> str:
    """رواية واحدة، روايتان، 3 روايات، 11 رواية."""
    return "رواية واحدة" if n == 1 else count_label(n, "رواية", "روايتان", "روايات", "رواية")


def sentences_label(n: int) -> str:
    """جملة واحدة، جملتان، 3 جمل، 11 جملة."""
    return "جملة واحدة" if n == 1 else count_label(n, "جملة", "جملتان", "جمل", "جملة")


def lines_label(n: int) -> str:
    return count_label(n, "سطر", "سطران", "أسطر", "سطرًا")


def date_label(calendar: Calendar, iso: str | None) -> str:
    """"27 سبتمبر 2023", or "دون تاريخ"."""
    return calendar.display(iso) if iso else UNDATED


def full_date_label(calendar: Calendar, iso: str | None) -> str:
    """"الأربعاء 27 سبتمبر 2023", or "دون تاريخ"."""
    if not iso:
        return UNDATED
    return f"{WEEKDAYS[dt.date.fromisoformat(iso).weekday()]} {calendar.display(iso)}"


def reading_time(article: Article) -> str:
    """"قراءة في 3 دقائق" (at least a minute)."""
    words = sum(len(p.split()) for p in article.body)
    minutes = max(1, round(words / WORDS_PER_MINUTE))
    if minutes == 1:
        return "قراءة في دقيقة"
    if minutes == 2:
        return "قراءة في دقيقتين"
    if 3 <= minutes % 100 <= 10:
        return f"قراءة في {minutes} دقائق"
    return f"قراءة في {minutes} دقيقة"


def inferred_note(calendar: Calendar, article: Article) -> str:
    """What an inferred date was inferred from, for the marker's tooltip. The pipeline
    infers only a year: the text gives a day, a month and a weekday without the year, and
    the year is the first, from the latest year the text names, in which that day falls on
    that weekday (digest/language/dates.py)."""
    if not article.date:
        return ""
    day = dt.date.fromisoformat(article.date)
    weekday = WEEKDAYS[day.weekday()]
    when = calendar.display(article.date).rsplit(" ", 1)[0]  # "5 يونيو"
    return (
        f"تاريخ تقديري: يذكر النص «{weekday} {when}» دون سنة، فأُخذت أقرب سنة يوافق فيها {when}"
        f" يوم {weekday} بدءًا من آخر سنة يذكرها النص: {day.year}."
    )


def headline(article: Article) -> str:
    """The headline as displayed: Arabic headlines end without a full stop (a headline taken
    from the lead's first sentence keeps the sentence's)."""
    title = article.title
    return title[:-1].rstrip() if title.endswith(".") and not title.endswith("..") else title


def excerpt(article: Article) -> str:
    """What a card says under the headline: the summary, unless it only repeats the
    headline (a headline taken from the lead): then what follows the headline, or the
    next paragraph that does not begin with it."""
    title = headline(article).removesuffix("…").rstrip(" .…")
    head = normalize(title)
    for text in [article.summary, *article.body[:3]]:
        norm = normalize(text)
        if not norm:
            continue
        if not head or not norm.startswith(head):
            return text
        if text.startswith(title):
            rest = text[len(title):].lstrip(" .،:-–—")
            if len(rest.split()) >= 4:
                return rest
    return ""


def sources_label(article: Article) -> str:
    return "، ".join(article.sources) if article.sources else UNKNOWN_SOURCE
