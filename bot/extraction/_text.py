"""Text preparation shared by the extractors: one normalised copy of the article,
sentences with offsets, and the "lead" (title and opening sentences).

Normalisation maps characters one-to-one (curly quotes, dashes, no-break spaces,
accents folded to ASCII where the base letter is ASCII) so offsets stay valid
between the original, the folded and the lower-cased copies.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Final

from .. import safe_re
from bot.fold import fold_ascii as fold, lower_same_length   # noqa: F401 - the extractors' names for them

# A sentence ends at . ! ? followed by space and an upper-case letter, digit or quote,
# or at a blank line. Common abbreviations do not end sentences.
# Sentence ends: punctuation before a capital, found by a pattern that starts with a
# character set (the regex engine scans for it quickly); line breaks are found with
# str.find. Both passes are merged in order.
_CLOSERS: Final = "\"')]"
_OPENERS: Final = "\"'(["
_CLOSER_SET: Final = frozenset(_CLOSERS)
_UPPER_DIGIT: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def _punct_end(text: str, i: int) -> int:
    r"""At a ``.``, ``!`` or ``?``: the offset after it and any closing quotes or brackets, when
    whitespace and then a capital or digit (maybe after an opening quote) follow; else -1.
    (A scan for what was ``[.!?]["')\]]*(?=\s+["'(\[]?[A-Z0-9])``.)"""
    n = len(text)
    j = i + 1
    while j < n and text[j] in _CLOSERS:
        j += 1
    k = j
    while k < n and text[k].isspace():
        k += 1
    if k == j or k >= n:
        return -1
    if text[k] in _OPENERS and k + 1 < n and text[k + 1] in _UPPER_DIGIT:
        return j
    return j if text[k] in _UPPER_DIGIT else -1


def _newline_next(text: str, i: int) -> bool:
    r"""From ``i``: whitespace up to a line break, or up to a capital or a quote (was ``\s*[A-Z"'\n]``)."""
    n = len(text)
    while i < n:
        c = text[i]
        if c == "\n" or c in _BREAK_NEXT:
            return True
        if not c.isspace():
            return False
        i += 1
    return False
_BREAK_NEXT: Final = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ\"'\n")   # a character _NEWLINE_NEXT accepts at once
_ABBREV: Final = frozenset({"Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Gov", "Sen", "Rep",
                     "Rev", "Prof", "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct",
                     "Nov", "Dec", "Mt", "Ft", "vs", "etc", "approx", "ca", "Inc", "Co", "Corp", "Jr", "Sr"})


def _abbreviation_before(text: str, end: int) -> bool:
    """Does the text end (at ``end``) with an abbreviation and its full stop ("Mr.", "U.S.", "J.")?"""
    k = end
    while k > 0 and text[k - 1] in "\"')]":
        k -= 1
    if k == 0 or text[k - 1] != ".":
        return False
    b = k - 1
    a = b
    while a > 0 and text[a - 1].isalpha():
        a -= 1
    word = text[a:b]
    return word in _ABBREV or (len(word) == 1 and word.isupper())


_ABBREV_TAILS: Final = frozenset(a[-2:] for a in _ABBREV if len(a) >= 2)


def _sentence_ends(text: str, pos: int) -> list[int]:
    """Offsets just after each sentence-ending mark, as _PUNCT_END finds them less
    abbreviations; candidates come from str.find (much faster than a regex scan) and
    most abbreviation tests are settled by the two characters before the full stop. A mark
    right before a blank line gives no offset: prepare cuts at that offset (the blank line's
    first break) itself."""
    out = []
    for ch in ".!?":
        i = text.find(ch, pos)
        while i != -1:
            # the common case settled inline: one space and a capital
            c = text[i + 1:i + 2]
            if c == " " and text[i + 2:i + 3] in _UPPER_DIGIT:
                e = i + 1
            elif not c or (c not in _CLOSER_SET and not c.isspace()):
                e = -1   # "2.5", "U.S.", "...": no closer or space after the mark
            elif c == "\n" and text[i + 2:i + 3] == "\n":
                e = -1   # a blank line follows: prepare cuts at its first break, this very offset
            else:
                e = _punct_end(text, i)
            if e >= 0:
                if ch == "." and i and text[i - 1].isalpha():
                    c = text[i - 1]
                    if (c.isupper() or c == "c") and (i < 2 or not text[i - 2].isalpha()):
                        i = text.find(ch, i + 1)
                        continue   # "J.", "U.S.": one capital letter; "c. 30": circa
                    if text[i - 2:i] in _ABBREV_TAILS and _abbreviation_before(text, e):
                        i = text.find(ch, i + 1)
                        continue
                out.append(e)
            i = text.find(ch, i + 1)
    return out
# GTD-style summaries open with the incident date: "MM/DD/YYYY: ".
_DATE_PREFIX: Final = safe_re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{4}:\s*", owner="text")


class Sentence(NamedTuple):
    """A sentence: a NamedTuple rather than a frozen dataclass, as documents make
    hundreds of them per call and tuples are the cheapest immutable record."""
    start: int
    end: int
    text: str
    index: int  # type: ignore[assignment]  # position in the document (title is 0)
    in_lead: bool


@dataclass(frozen=True, slots=True)
class Doc:
    raw: str          # title + "\n\n" + text, date prefix blanked
    text: str         # folded copy, same length
    low: str          # lower-cased folded copy, same length
    title_end: int
    sentences: tuple[Sentence, ...]
    lead_end: int     # offset where the lead (title + first sentences) ends


LEAD_SENTENCES: Final = 4


# Wire services' tags glued to a headline with a hyphen ("EXCLUSIVE-Iran, Saudi Arabia hold talks",
# "UPDATE 2-Nigeria army says ..."): no word of the headline. In capitals, maybe numbered, maybe chained.
WIRE_TAGS: Final = frozenset({
    "EXCLUSIVE", "UPDATE", "WRAPUP", "ANALYSIS", "FACTBOX", "INSIGHT", "EXPLAINER", "BREAKINGVIEWS", "CORRECTED",
    "REFILE", "RPT", "REPEAT", "BRIEF", "INTERVIEW", "SPECIAL REPORT", "TIMELINE", "FOCUS", "GRAPHIC", "POLL",
    "COLUMN", "PREVIEW", "FEATURE", "BREAKING", "DEALTALK", "CORRECTION", "URGENT", "FLASH", "NEWSMAKER",
    "QUOTEBOX", "SNAP ANALYSIS", "SCENARIOS", "CHRONOLOGY",
})


def _wire_tag_end(title: str) -> int:
    """Length of the wire tags that open ``title`` ("EXCLUSIVE-", "RPT-UPDATE 1-"), 0 for none."""
    at = 0
    while True:
        i = title.find("-", at, at + 24)
        if i <= at or i + 1 >= len(title) or not title[i + 1].isalpha():
            return at
        tag = title[at:i].rstrip("0123456789").rstrip()
        if tag not in WIRE_TAGS:
            return at
        at = i + 1


def prepare(title: str, body: str) -> Doc:
    title = (title or "").strip()
    if title[:1].isupper() and "-" in title[:30]:
        tag = _wire_tag_end(title)
        if tag:   # blanked, not cut: offsets into the title stay the caller's
            title = " " * tag + title[tag:]
    body = body or ""
    # (RE2's \s is [\t\n\f\r ] and \d ASCII: the pattern can only match where, past that
    # whitespace, an ASCII digit comes first; most bodies are settled without a regex call)
    head = body[:200]
    lead = head.lstrip("\t\n\f\r ")[:1]
    m = _DATE_PREFIX.match(head) if lead.isdigit() and lead.isascii() else None
    if m:  # keep offsets: blank the prefix instead of cutting it
        body = " " * m.end() + body[m.end():]
    raw = title + "\n\n" + body
    text = fold(raw)
    low = lower_same_length(text)
    title_end = len(title)
    pos = title_end + 2
    cuts = _sentence_ends(text, pos)
    nl = text.find("\n", pos)
    while nl != -1:
        c = text[nl + 1:nl + 2]
        # the next character settles most line breaks without calling the pattern
        if c in _BREAK_NEXT or (c and c.isspace() and _newline_next(text, nl + 1)):
            cuts.append(nl)
            if c == "\n":
                # a blank line: a cut at its second break would only split off whitespace, which
                # makes no sentence (the next sentence starts at the same character either way)
                nl = text.find("\n", nl + 2)
                continue
        nl = text.find("\n", nl + 1)
    cuts.sort()
    cuts.append(len(text))
    sents: list[Sentence] = []
    if title_end:
        left = text[:title_end].lstrip()
        if left:
            piece = left.rstrip()
            s2 = title_end - len(left)
            sents.append(Sentence(s2, s2 + len(piece), piece, 0, True))
    body_count = 0
    lead_end = title_end
    new_tuple = tuple.__new__   # Sentence(...) through namedtuple's Python-level __new__ costs twice as much
    for end in cuts:
        if end <= pos:
            continue
        seg = text[pos:end]
        s = pos
        pos = end
        left = seg.lstrip()
        if not left:
            continue
        piece = left.rstrip()
        s2 = s + len(seg) - len(left)
        e2 = s2 + len(piece)
        in_lead = body_count < LEAD_SENTENCES
        body_count += 1
        if in_lead:
            lead_end = e2
        sents.append(new_tuple(Sentence, (s2, e2, piece, len(sents), in_lead)))
    return Doc(raw, text, low, title_end, tuple(sents), lead_end)


# --- tokens: a scan, not a regex (feed text is hostile; RE2's per-call cost from Python is high) ---
# A token is a word of ASCII letters with inner apostrophes or hyphens ("al-shabaab", "don't"), a
# number with thousands separators and decimals ("1,000", "2.5"), or any other single non-space
# character. Most whitespace-separated chunks are a plain word or number and are taken whole.
_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGIT_CHARS: Final = frozenset("0123456789")


def _chunk_tokens(c: str, out: list[str]) -> None:
    """Tokens of one whitespace-free chunk, in order (each character is visited a bounded
    number of times: linear)."""
    i, n = 0, len(c)
    while i < n:
        ch = c[i]
        if ch in _LETTERS:
            j = i + 1
            while True:
                while j < n and c[j] in _LETTERS:
                    j += 1
                if j + 1 < n and c[j] in "'-" and c[j + 1] in _LETTERS:
                    j += 2
                    continue
                break
            out.append(c[i:j])
            i = j
        elif ch in _DIGIT_CHARS:
            j = i
            while j < n and c[j] in _DIGIT_CHARS:
                j += 1
            end = j
            if j - i <= 3:   # "1,000,000": groups of three after a comma
                k = j
                while k + 3 < n + 1 and c[k:k + 1] == "," and len(c[k + 1:k + 4]) == 3 \
                        and all(x in _DIGIT_CHARS for x in c[k + 1:k + 4]):
                    k += 4
                end = k
            if end + 1 < n and c[end] == "." and c[end + 1] in _DIGIT_CHARS:
                k = end + 1
                while k < n and c[k] in _DIGIT_CHARS:
                    k += 1
                end = k
            out.append(c[i:end])
            i = end
        else:
            out.append(ch)
            i += 1


_TRAILING: Final = frozenset(",.;:)\"'?!")


def split_tokens(low: str) -> list[str]:
    """``[gap, token, gap, token, ..., gap]``: the pieces of ``low`` (they join back to it)."""
    chunks = low.split()
    ascii_text = low.isascii()   # (then every chunk is: one test for the whole sentence)
    if " ".join(chunks) == low:
        return _split_spaced(chunks, ascii_text)
    parts: list[str] = []
    pos = 0
    for c in chunks:
        s = low.find(c, pos)
        if (ascii_text or c.isascii()) and (c.isalpha() or c.isdigit()):
            parts.append(low[pos:s])
            parts.append(c)
        elif c[-1] in _TRAILING and (ascii_text or c.isascii()) and c[:-1].isalpha():
            parts.append(low[pos:s])     # "killed," "said.": a word and its punctuation
            parts.append(c[:-1])
            parts.append("")
            parts.append(c[-1])
        else:
            toks: list[str] = []
            _chunk_tokens(c, toks)
            parts.append(low[pos:s])
            first = True
            for t in toks:
                if not first:
                    parts.append("")
                parts.append(t)
                first = False
        pos = s + len(c)
    parts.append(low[pos:])
    return parts


def _split_spaced(chunks: list[str], ascii_text: bool) -> list[str]:
    """split_tokens for a text of ``chunks`` joined by single spaces (most sentences): every gap
    is known without searching the text for the chunk. ``ascii_text``: every chunk is ASCII."""
    parts: list[str] = []
    gap = ""
    for c in chunks:
        if (ascii_text or c.isascii()) and (c.isalpha() or c.isdigit()):
            parts.append(gap)
            parts.append(c)
        elif c[-1] in _TRAILING and (ascii_text or c.isascii()) and c[:-1].isalpha():
            parts.append(gap)     # "killed," "said.": a word and its punctuation
            parts.append(c[:-1])
            parts.append("")
            parts.append(c[-1])
        else:
            toks: list[str] = []
            _chunk_tokens(c, toks)
            parts.append(gap)
            parts.append(toks[0])
            for t in toks[1:]:
                parts.append("")
                parts.append(t)
        gap = " "
    parts.append("")
    return parts
