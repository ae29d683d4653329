"""bot.feeds.text: HTML to plain text, and boilerplate lines dropped."""
import lxml.etree
import pytest
from hypothesis import given, settings, strategies as st

from bot.feeds import text as _text
from bot.feeds.text import drop_boilerplate, html_to_text


def test_paragraphs_entities_and_line_breaks():
    html = "<p>Hello &amp; <b>world</b>&nbsp;&#8212; &eacute;t&eacute;</p><p>Line one<br/>Line two</p>"
    # non-breaking spaces become plain spaces
    assert html_to_text(html) == "Hello & world \u2014 été\n\nLine one\nLine two"


def test_scripts_styles_and_comments_are_dropped_with_their_content():
    html = ("<script>var tracker = 1;</script><style>p {color: red}</style>"
            "<p>Kept<!-- hidden comment --> text</p><noscript>Enable JS</noscript>"
            "<iframe src='x'>frame text</iframe>after")
    assert html_to_text(html) == "Kept text\n\nafter"


def test_block_elements_separate_paragraphs_and_inline_do_not():
    html = "<div>a<div>b</div>c</div><ul><li>one</li><li>two</li></ul><h2>Head</h2><span>in</span>line"
    assert html_to_text(html) == "a\n\nb\n\nc\n\none\n\ntwo\n\nHead\n\ninline"


def test_whole_page_keeps_body_text_only():
    html = ("<!DOCTYPE html><html><head><title>Page title</title><meta charset='utf-8'></head>"
            "<body><p>Body text</p></body></html>")
    assert html_to_text(html) == "Body text"


def test_plain_text_keeps_its_paragraphs():
    assert html_to_text("first  para\nsame para\n\n\nsecond &amp; last ") == \
        "first para\nsame para\n\nsecond & last"


def test_double_escaped_markup_stays_text():
    # "&amp;lt;b&amp;gt;" in HTML is the literal text "<b>", not a tag, and not unescaped twice
    assert html_to_text("<p>&amp;lt;b&amp;gt; and 1 &lt; 2</p>") == "&lt;b&gt; and 1 < 2"


@pytest.mark.parametrize("html", [
    "", "   ", "<p>", "</p></div>", "<p>unclosed <b>bold <i>it", "<<<>>>", "<!-- only a comment -->",
    "<p>nul\x00 and lone surrogate \ud800 here</p>", '<?xml version="1.0" encoding="utf-8"?><p>x</p>',
    "<" * 10_000, "<div>" * 5_000 + "deep" + "</div>" * 5_000,
])
def test_malformed_html_never_raises(html):
    out = html_to_text(html)
    assert isinstance(out, str)
    assert "\x00" not in out


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_converts_without_raising(s):
    out = html_to_text(s)
    assert isinstance(out, str)
    assert "\ue000" not in out and "\ue001" not in out      # internal break markers never leak


# --- boilerplate --------------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Check out our Latest News and Follow us at Facebook",
    "Original Source",
    "Exit mobile version",
    "Leave a comment",
    "Create a free website or blog at WordPress.com.",
    "Up ↑",
    "Design a site like this with WordPress.com",
    "Design a site like this with WordPress.com Get started",
    "Get started",
    "Share this:",
    "Share on Facebook",
    "Facebook Twitter Email",
    "Click to share on Twitter (Opens in new window)",
    "Like this:",
    "Like Loading...",
    "Subscribe to our newsletter",
    "Sign up for our daily newsletter here",
    "Follow us on Twitter and Instagram",
    "We use cookies to improve your experience. By continuing you accept them.",
    "This website uses cookies.",
    "Accept all cookies",
    "Related posts",
    "Advertisement",
    "Read more",
    "The post Moscow attack explained appeared first on Example News.",
    "© 2024 Example Media. All rights reserved.",
    "  ORIGINAL   SOURCE  ",
])
def test_boilerplate_line_is_dropped(line):
    assert drop_boilerplate(f"Real first paragraph.\n\n{line}\n\nReal last paragraph.") == \
        "Real first paragraph.\n\nReal last paragraph."


@pytest.mark.parametrize("line", [
    "The share price of the company rose after the attack.",
    "Police said the original source of the explosives was a quarry.",
    "Officials told residents to leave a comment period open until Friday.",
    "Subscribers were told to get started on evacuation plans.",
    "The group said on Facebook that it carried out the attack.",
    "Read more than 300 pages of court documents and you find the plot.",
])
def test_article_sentences_that_mention_boilerplate_words_stay(line):
    text = f"Intro.\n\n{line}"
    assert drop_boilerplate(text) == text


def test_drop_boilerplate_keeps_line_breaks_inside_paragraphs():
    assert drop_boilerplate("a\nb\n\nOriginal Source\n\nc") == "a\nb\n\nc"
    assert drop_boilerplate("") == ""
    assert drop_boilerplate("Original Source") == ""


# --- the fast paths give what the plain definitions give ----------------------------------

_PIECES = ["<p>", "</p>", "<br>", "<div>", "</div>", "<td>a</td>", "<th>b</th>", "<script>x</script>", "<li>",
           "<svg:rect>s</svg:rect>", "<form>f</form>tail", " ", "  ", "\n", "\t", "\r\n", "\xa0", "\u3000",
           "\u2028", "\x85", "word", "Gunmen", "é", "’", "&nbsp;", "&amp;", "<b>", "</b>", "<h2>", "</h2>"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_xslt_walk_and_the_python_walk_agree(pieces):
    html = "<p>" + "".join(pieces)
    walked = _text._marked_text(lxml.etree.fromstring(html, _text._PARSER))
    assert walked == _text._marked_text_in_python(lxml.etree.fromstring(html, _text._PARSER))


def test_wide_spaces_are_every_non_ascii_whitespace():
    assert sorted(_text.WIDE_SPACES) == sorted(c for c in map(chr, range(128, 0x110000)) if c.isspace())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES + ["\ue000", "\ue001", "\ue000 \ue001 ", "  \ue001\ue001 "]), max_size=40))
def test_layout_is_collapse_then_breaks(pieces):
    # the definition: whitespace runs to one space, then a run of markers and spaces holding a
    # paragraph marker is a blank line, a run of line markers one newline, nothing at the ends
    raw = " ".join("".join(pieces).split())
    paras = []
    for chunk in raw.split("\ue000"):
        lines = [ln.strip(" ") for ln in chunk.split("\ue001") if ln.strip(" ")]
        if lines:
            paras.append("\n".join(lines))
    assert _text._layout("".join(pieces).encode("utf-8")) == "\n\n".join(paras)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(["\x00", "\x07", "\x1f", "\t", "\n", "a", "é", "\ud800", "\ue000", "\ue001",
                                         "\ufffe", "\uffff", "\u2019"])))
def test_clean_chars_is_the_translate_table(s):
    assert _text._clean_chars(s) == s.translate(_text._BAD_CHARS)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Share on Facebook", "Original Source", "Gunmen attacked a convoy.", "Read more",
                                 "", " ", "  \t", "\xa0", "email  print", "  indented line", "·", "1 comment"]),
                max_size=12))
def test_drop_boilerplate_is_the_line_by_line_definition(lines):
    # the definition: a line goes when, whitespace-collapsed, it is only boilerplate pieces; the
    # others are right-stripped and grouped into paragraphs at blank lines
    text = "\n".join(lines)
    paras, block = [], []
    for line in text.split("\n"):
        collapsed = " ".join(line.split())
        if collapsed and _text._BOILER_LINE.fullmatch(collapsed):
            continue
        if collapsed:
            block.append(line.rstrip())
        elif block:
            paras.append("\n".join(block))
            block = []
    if block:
        paras.append("\n".join(block))
    assert drop_boilerplate(text) == "\n\n".join(paras)
