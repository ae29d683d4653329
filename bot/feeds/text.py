"""Plain text from feed HTML, and the boilerplate lines that are not the article.

``html_to_text`` keeps paragraph structure (blank line between blocks, newline for
``<br>``), decodes entities and drops scripts, styles and other non-text elements.
``drop_boilerplate`` removes whole lines that are site furniture ("Original Source",
"Exit mobile version", share and subscribe prompts, cookie notices): a table of
patterns, ``BOILERPLATE``, drives it.

lxml (installed with trafilatura) does the HTML parsing: it is the C parser
trafilatura uses, tolerant of broken markup and several times faster than the
stdlib ``html.parser``, which matters because every feed entry goes through here.
The walk that turns the tree into paragraphs is our own because lxml's
``text_content()`` loses the paragraph breaks the extractor relies on: a small XSLT
program (libxslt, C) marks the breaks, and bytes methods lay the text out.

Every entry's text comes through here, so the work is done at C speed in a fixed number
of passes (issue 14): no per-character ``str.translate`` with a dict, no regex ``sub`` or
``split`` (the re2 wrapper does Python work per match), and whitespace collapsed word by
word only where one search says it is needed. tests/test_text.py checks each fast path
against its plain definition.
"""
from __future__ import annotations

import html as _html

import lxml.etree

import bot.safe_re as safe_re

__all__ = ["BOILERPLATE", "drop_boilerplate", "html_to_text", "looks_like_html", "normalize_plain"]

# Elements whose content is never article text.
_DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "button", "select", "form", "head", "title", "meta", "link",
)
# Elements that start and end a paragraph.
_BLOCK_TAGS = (
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "main",
    "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "thead", "tbody",
    "tfoot", "caption", "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "address", "details", "summary", "center", "body", "html",
)
# Private-use characters stand for breaks while whitespace is collapsed.
_PARA = "\ue000"
_LINE = "\ue001"
# Feed text only meets RE2 patterns (bot.safe_re): linear time whatever the input.
# RE2's \s is ASCII-only, so Unicode whitespace (what str.split() splits on) is spelt out.
_SPACE_NO_NL = r"\t\x0b\x0c\r\x1c-\x1f\x85\pZ"
_SP = f"[{_SPACE_NO_NL}\n]*"
_TAG = safe_re.compile(f"(?i)<{_SP}(?:[a-zA-Z][a-zA-Z0-9:-]*|/{_SP}[a-zA-Z]|!--|!\\[CDATA\\[|!doctype)", owner="text")
_XML_DECL = safe_re.compile(f"(?i)^{_SP}<\\?xml[^>]*\\?>", owner="text")
_TAGS = safe_re.compile(r"<[^>]*>", owner="text")
# Characters XML/lxml cannot hold: C0 controls except tab/newline/CR, and lone surrogates.
# The two private-use break markers go too, so input can never fake a break. A translate
# table, not a pattern: RE2 reads UTF-8, which cannot carry a lone surrogate.
_BAD_CHARS = dict.fromkeys([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), *range(0xd800, 0xe000),
                            0xfffe, 0xffff, 0xe000, 0xe001])


# The same characters for the fast path: C0 control bytes (deleted from the UTF-8 bytes, where a
# byte below 0x20 is always that character) and the few non-ASCII ones (a str.replace each).
_BAD_BYTES = bytes(c for c in _BAD_CHARS if c < 0x20)
_BAD_WIDE = tuple(chr(c) for c in (0xe000, 0xe001, 0xfffe, 0xffff))


def _clean_chars(text: str) -> str:
    # str.translate with a dict is a Python lookup per character: the C-speed passes below give
    # the same result, and the table is kept for text holding lone surrogates (not UTF-8-encodable)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return text.translate(_BAD_CHARS)
    kept = data.translate(None, _BAD_BYTES)
    if len(kept) != len(data):
        text = kept.decode("utf-8")
    if not text.isascii():
        for c in _BAD_WIDE:
            if c in text:
                text = text.replace(c, "")
    return text


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains something that looks like an HTML tag or comment."""
    return "<" in text and bool(_TAG.search(text))


def _paragraphs(lines) -> str:
    """Lines grouped into paragraphs at empty lines, ``\n`` inside one, a blank line between two."""
    paras: list[str] = []
    block: list[str] = []
    for ln in lines:
        if ln:
            block.append(ln)
        elif block:
            paras.append("\n".join(block))
            block = []
    if block:
        paras.append("\n".join(block))
    return "\n\n".join(paras)


def normalize_plain(text: str) -> str:
    """Tidy plain text: entities decoded, spaces collapsed, paragraphs kept, no blank runs."""
    text = _clean_chars(_html.unescape(text)).replace("\r\n", "\n").replace("\r", "\n")
    # str.split() splits on exactly the whitespace of _SPACE_NO_NL plus the newline; a line that
    # is empty once collapsed ends a paragraph, at C speed per line (no per-match Python work)
    if "\n" not in text:
        return " ".join(text.split())
    return _paragraphs(" ".join(ln.split()) for ln in text.split("\n"))


_PARSER = lxml.etree.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True)


def _drop(el) -> None:
    """Remove ``el`` and its content, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        el.clear()
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment or page, paragraphs separated by a blank line.

    Entities are decoded; script, style and similar elements are dropped with their
    content; ``<br>`` becomes a newline. Text without any tag is treated as plain
    text (its own blank lines kept). Never raises on malformed input.
    """
    if not html or not html.strip():
        return ""
    html = _clean_chars(html)
    if not looks_like_html(html):
        return normalize_plain(html)
    if html.lstrip()[:5].lower() == "<?xml":
        html = _XML_DECL.sub("", html)
    try:
        root = lxml.etree.fromstring(html, _PARSER)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:                         # nothing parseable: strip tags crudely
        return normalize_plain(_TAGS.sub(" ", html))
    return _layout(_marked_text(root))


# The walk that marks the breaks, as an XSLT program run by libxslt (C; about three times the
# speed of setting the markers on lxml's tree from Python): dropped elements give nothing, block
# elements a paragraph marker before and after their content, <br> a line marker, table cells a
# space after; text nodes as they are. No document() or other access: DENY_ALL.
_WALK = lxml.etree.XSLT(lxml.etree.fromstring(f"""\
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="utf-8"/>
<xsl:template match="{'|'.join(_DROP_TAGS)}"/>
<xsl:template match="{'|'.join(_BLOCK_TAGS)}">&#xe000;<xsl:apply-templates/>&#xe000;</xsl:template>
<xsl:template match="br">&#xe001;</xsl:template>
<xsl:template match="td|th"><xsl:apply-templates/><xsl:text> </xsl:text></xsl:template>
</xsl:stylesheet>"""), access_control=lxml.etree.XSLTAccessControl.DENY_ALL)


def _marked_text(root) -> bytes:
    """The document's text as UTF-8, with the break markers in place."""
    try:
        return bytes(_WALK(root))
    except lxml.etree.XSLTError:       # (libxslt's own limits, e.g. template depth): the same walk in Python
        return _marked_text_in_python(root)


def _marked_text_in_python(root) -> bytes:
    """What ``_WALK`` gives, by setting the markers on the tree (changes ``root``)."""
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    for el in root.iter("br"):
        el.tail = _LINE + (el.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.text = _PARA + (el.text or "")
        el.tail = _PARA + (el.tail or "")
    for el in root.iter("td", "th"):
        el.tail = " " + (el.tail or "")
    return lxml.etree.tostring(root, method="text", encoding="utf-8")


# The whitespace str.split() splits on, as UTF-8: the ASCII bytes (a translate table) and the
# multi-byte characters (tests/test_text.py checks the list against str.isspace).
_ASCII_SPACE = bytes.maketrans(b"\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", b" " * 9)
WIDE_SPACES = ("\x85", "\xa0", "\u1680", *map(chr, range(0x2000, 0x200b)), "\u2028", "\u2029", "\u202f",
               "\u205f", "\u3000")
_WIDE_SET = frozenset(WIDE_SPACES)
# Anything _layout must do more than split at paragraph markers for: whitespace other than a lone
# space, or a line marker.
_UNTIDY = safe_re.compile("[\t\n\x0b\x0c\r\x1c-\x1f%s\ue001]|  " % "".join(WIDE_SPACES), owner="text")
_ASCII_BYTES = bytes(range(128))
_P, _L = _PARA.encode("utf-8"), _LINE.encode("utf-8")


def _layout(data: bytes) -> str:
    """Marked text → paragraphs: whitespace collapsed, a run of markers and spaces one paragraph
    break if it holds a paragraph marker, else one line break, none at either end.

    On the UTF-8 bytes with bytes methods at C speed, in a fixed number of passes and a Python
    step per paragraph at most: a regex sub costs Python work per match in the re2 wrapper, and
    splitting the whole text into words a Python object per word."""
    untidy = _UNTIDY.search(data)             # anything but single spaces and paragraph markers
    if untidy:
        # the distinct non-ASCII characters (the bytes >= 0x80 kept: few in news text): a replace
        # for each that is whitespace; then the ASCII whitespace to spaces
        for c in _WIDE_SET.intersection(data.translate(None, _ASCII_BYTES).decode("utf-8")):
            data = data.replace(c.encode("utf-8"), b" ")
        data = data.translate(_ASCII_SPACE)
    text = b"\n\n".join(filter(None, map(bytes.strip, data.split(_P))))
    if untidy and (b"  " in text or _L in text):    # (the spaces by the markers are gone already)
        text = b"\n\n".join(filter(None, map(_tidy, text.split(b"\n\n"))))
    return text.decode("utf-8")


def _tidy(para: bytes) -> bytes:
    """One stripped paragraph (spaces its only whitespace): runs of spaces to one, line markers to
    newlines."""
    if b"  " in para:
        para = b" ".join(para.split())
    if _L in para:
        return b"\n".join(filter(None, map(bytes.strip, para.split(_L))))
    return para


# --- boilerplate -------------------------------------------------------------------------
# Each entry is a regular expression for one piece of site furniture. A line is dropped
# when it consists only of such pieces (so "Design a site like this with WordPress.com
# Get started" goes too), compared case-insensitively after collapsing whitespace.
BOILERPLATE: tuple[str, ...] = (
    # source-specific furniture seen in the seeds and similar sites
    r"check out our latest news and follow us (?:at|on) facebook",
    r"original source",
    r"exit mobile version",
    r"leave a (?:comment|reply)",
    r"\d+ comments?",
    r"create a free website or blog at wordpress\.com",
    r"(?:blog at|powered by|proudly powered by) wordpress(?:\.com)?",
    r"design a site like this with wordpress\.com",
    r"get started",
    r"up ↑",
    r"(?:back to|go to) top",
    r"skip to (?:main )?content",
    r"(?:continue|keep) reading(?: →)?",
    r"read (?:more|the full (?:story|article))(?: (?:here|→|»|\.\.\.|…))?",
    r"the post .{1,300} appeared first on .{1,200}",
    r"this (?:article|story|entry|post) (?:was |first )*(?:originally )?(?:published|appeared) (?:on|in|at) .{1,200}",
    r"(?:related|related (?:posts?|articles?|stories|content|coverage)|more from .{1,60}|you may also like|recommended(?: stories)?|most read|trending)",
    r"advertisement|sponsored(?: content)?|ad",
    # share / follow / subscribe
    r"share(?: this(?: (?:article|story|post))?)?(?: (?:on|via) (?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|e-mail|pinterest|tumblr))?",
    r"share on (?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|pinterest)",
    r"click to (?:share|email|print) (?:on|this|a link to a friend)?.{0,40}(?:\(opens in new window\))?",
    r"(?:tweet|email|print|pin it|whatsapp|facebook|twitter|linkedin|reddit|telegram|copy link)",
    r"like this:?|like loading\.\.\.|loading\.\.\.",
    r"follow us on (?:facebook|twitter|x|instagram|telegram|whatsapp|youtube|linkedin|google news)(?:(?:,| and| &) (?:facebook|twitter|x|instagram|telegram|whatsapp|youtube|linkedin))*",
    r"(?:subscribe|sign up) (?:to|for) (?:our|the) (?:free |daily |weekly )*(?:newsletter|mailing list|updates|alerts)(?: (?:here|now|today))?",
    r"(?:subscribe|sign up|register|log in|login|sign in)(?: now| here| today)?",
    r"(?:enter your email address|your email address will not be published|required fields are marked \*?)",
    r"(?:get|receive) (?:our )?(?:breaking news|the latest (?:news|headlines)|news alerts?) (?:in|to|delivered to) your inbox",
    # cookies and consent
    r"(?:this|our) (?:web)?site uses cookies.{0,300}",
    r"we use cookies.{0,300}",
    r"(?:accept|allow|reject|manage) (?:all )?cookies|cookie (?:policy|settings|preferences)",
    r"by (?:continuing to use|using) this (?:web)?site,? you (?:agree|consent) to.{0,200}",
    r"privacy policy|terms of (?:use|service)|all rights reserved\.?|© ?\d{4}.{0,100}|copyright ©? ?\d{4}.{0,100}",
)
_BOILER_PIECE = "|".join(f"(?:{p})" for p in BOILERPLATE)
# RE2: no backtracking, so a share bar repeated any number of times costs linear time (issue 10).
# The line is whitespace-collapsed before the match, so a plain space is the only space left.
_BOILER_LINE = safe_re.compile(rf"(?i)(?:(?:{_BOILER_PIECE}) *[.!:|·•,\-–—]* *)+", owner="text")   # one line

# A line that is not whitespace-collapsed: whitespace other than a space between two words.
_UNTIDY_LINES = safe_re.compile("(?m)[\t\x0b\x0c\r\x1c-\x1f%s]|  |^ | $" % "".join(WIDE_SPACES), owner="text")
# _BOILER_LINE's test for every line of a text in one search: the lines whitespace-collapsed and
# joined by newlines, each match is a whole line (^ and $ at line ends; no piece matches a newline).
_BOILER_LINES = safe_re.compile(rf"(?im)^(?:(?:{_BOILER_PIECE}) *[.!:|·•,\-–—]* *)+$", owner="text")


def drop_boilerplate(text: str) -> str:
    """``text`` without the lines that are only site furniture (see ``BOILERPLATE``).

    Paragraphs (separated by blank lines) stay apart; a dropped line leaves no gap."""
    if not text:
        return ""
    data = text.encode("utf-8", "replace")
    lines = collapsed = None
    if _UNTIDY_LINES.search(data):            # not already one space between words on every line
        lines = text.split("\n")
        collapsed = [" ".join(ln.split()) for ln in lines]
        data = "\n".join(collapsed).encode("utf-8", "replace")
    # one RE2 search over the whole text, on its UTF-8 bytes (byte offsets: counting newlines
    # finds the line of each match without converting offsets); each line's bytes counted once
    dropped = set()
    line = last = 0
    for m in _BOILER_LINES.finditer(data):
        line += data.count(b"\n", last, m.start())
        last = m.start()
        dropped.add(line)
    if lines is None:
        if not dropped and text[0] != "\n" != text[-1] and "\n\n\n" not in text:
            return text                       # already paragraphs of tidy lines: nothing to change
        lines = collapsed = text.split("\n")
    return _paragraphs(ln.rstrip() if c else "" for i, (ln, c) in enumerate(zip(lines, collapsed))
                       if i not in dropped)
