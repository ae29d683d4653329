"""Plain text from feed HTML, and the boilerplate lines that are not the article.

``html_to_text`` keeps paragraph structure (blank line between blocks, newline for
``<br>``), decodes entities and drops scripts, styles and other non-text elements.
``drop_boilerplate`` removes whole lines that are site furniture ("Original Source",
"Exit mobile version", share and subscribe prompts, cookie notices): a table of
patterns, ``BOILERPLATE``, drives it.

lxml (installed with trafilatura) does the HTML parsing: it is the C parser
trafilatura uses, tolerant of broken markup and several times faster than the
stdlib ``html.parser``, which matters because every feed entry goes through here.
The walk that turns the tree into paragraphs is hand-written because lxml's
``text_content()`` loses the paragraph breaks the extractor relies on.
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
_WS = safe_re.compile(f"[{_SPACE_NO_NL}]+", owner="text")            # whitespace except newline
_PARA_RUN = safe_re.compile(f"[ {_LINE}]*{_PARA}[ {_PARA}{_LINE}]*", owner="text")   # a run holding a paragraph break
_LINE_RUN = safe_re.compile(f" *{_LINE}[ {_LINE}]*", owner="text")                     # a run of line breaks only
_PARA_SPLIT = safe_re.compile(f"\n[{_SPACE_NO_NL}\n]*\n", owner="text")
_XML_DECL = safe_re.compile(f"(?i)^{_SP}<\\?xml[^>]*\\?>", owner="text")
_TAGS = safe_re.compile(r"<[^>]*>", owner="text")
# Characters XML/lxml cannot hold: C0 controls except tab/newline/CR, and lone surrogates.
# The two private-use break markers go too, so input can never fake a break. A translate
# table, not a pattern: RE2 reads UTF-8, which cannot carry a lone surrogate.
_BAD_CHARS = dict.fromkeys([*range(0x00, 0x09), 0x0b, 0x0c, *range(0x0e, 0x20), *range(0xd800, 0xe000),
                            0xfffe, 0xffff, 0xe000, 0xe001])


def _clean_chars(text: str) -> str:
    return text.translate(_BAD_CHARS)


def looks_like_html(text: str) -> bool:
    """True when ``text`` contains something that looks like an HTML tag or comment."""
    return bool(_TAG.search(text))


def normalize_plain(text: str) -> str:
    """Tidy plain text: entities decoded, spaces collapsed, paragraphs kept, no blank runs."""
    text = _clean_chars(_html.unescape(text)).replace("\r\n", "\n").replace("\r", "\n")
    paras = []
    for block in _PARA_SPLIT.split(text):
        lines = [_WS.sub(" ", ln).strip() for ln in block.split("\n")]
        block = "\n".join(ln for ln in lines if ln)
        if block:
            paras.append(block)
    return "\n\n".join(paras)


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
    html = _XML_DECL.sub("", html)
    try:
        root = lxml.etree.fromstring(html, _PARSER)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        root = None
    if root is None:                         # nothing parseable: strip tags crudely
        return normalize_plain(_TAGS.sub(" ", html))
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    for el in root.iter("br"):
        el.tail = _LINE + (el.tail or "")
    for el in root.iter(*_BLOCK_TAGS):
        el.text = _PARA + (el.text or "")
        el.tail = _PARA + (el.tail or "")
    for el in root.iter("td", "th"):
        el.tail = " " + (el.tail or "")
    raw = " ".join(lxml.etree.tostring(root, method="text", encoding="unicode").split())
    raw = _LINE_RUN.sub("\n", _PARA_RUN.sub("\n\n", raw))
    return raw.strip()


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
_BOILER_LINE = safe_re.compile(rf"(?i)(?:(?:{_BOILER_PIECE}) *[.!:|·•,\-–—]* *)+", owner="text")


def drop_boilerplate(text: str) -> str:
    """``text`` without the lines that are only site furniture (see ``BOILERPLATE``)."""
    if not text:
        return ""
    out: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and _BOILER_LINE.fullmatch(" ".join(stripped.split())):
            continue
        out.append(line.rstrip())
    return "\n\n".join(p for p in (p.strip("\n") for p in _PARA_SPLIT.split("\n".join(out))) if p.strip())
