"""digest.language.escape.inline: any line of text renders as one paragraph showing exactly that text."""

import html
import re

import markdown
import pytest
from hypothesis import given, settings, strategies as st

from digest.language.escape import attribute, inline

# The extensions the site enables (mkdocs.yml) plus MkDocs' own.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "def_list", "abbr"]


def rendered_text(line: str) -> str:
    out = markdown.markdown(inline(line), extensions=EXTENSIONS)
    assert out.startswith("<p>") and out.endswith("</p>"), out
    body = out[3:-4]
    assert not re.search(r"<[a-zA-Z/!]", body), out  # no element, comment or closing tag inside
    return html.unescape(body)


@pytest.mark.parametrize(
    "line",
    ["# عنوان", "## x", "> اقتباس", "- عنصر", "+ عنصر", "* عنصر", "1. أول", "12) ثاني", "---", "===", "***",
     "| a | b |", ": تعريف", "```python", "~~~", "<script>alert(1)</script>", "[x](javascript:alert(1))",
     "![i](x.png)", "&lt;b&gt; &amp; &#60;", "{{ x }} {% y %}", "*مائل* و **عريض** و `رمز` و _خط_",
     "<!-- تعليق -->", "<http://example.com>", "a\\*b", "[^1] *[HTML]: x", "    مسافة بادئة"],
)
def test_syntax_stays_text(line):
    assert rendered_text(line) == line.strip()


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=120))
def test_any_line_renders_as_itself(line):
    line = " ".join(line.split())
    if not line:
        return
    assert rendered_text(line) == line


def test_attribute_escapes_quotes_and_brackets():
    assert attribute('"><script>') == "&quot;&gt;&lt;script&gt;"
