"""Sentences and clauses of an article: the shortest clause around a figure, who states it, its label."""
from __future__ import annotations

import re

from ..spec.figures import find_figures
from ..spec.markup import slug_words
from ..spec.sentences import sentence_edges

_CLAUSE_END = re.compile(r"[,;:][\"'\u201d\u2019]?\s+|\s+[-\u2013\u2014]\s+")
_LINKING = re.compile(r"(?:and|but|or|which|who|whom|whose|where|while|as|including|with|although|"
                      r"though|because|than|when|after|before|until)\b")
EDGES = "\"'\u201c\u201d\u2018\u2019 .,;:"
_REPORTING = re.compile(
    r"\b(?:said|says|say|saying|told|tells|reported|reports|estimate|estimated|estimates|warned|warns|added|"
    r"adds|stated|states|announced|announces|claimed|claims|wrote|writes|noted|notes|acknowledged|"
    r"confirmed|confirms|called|calls|urged|urges|described|describes|explained|explains)\b")
_NOUN_LIKE = {"reports", "estimate", "estimates", "claims", "notes", "calls", "states", "say"}
# 'said there has been...', 'said on Monday that 300...': who says it is kept apart from the quote
_LEAD_VERB = re.compile(r"(?:(?:said|says|saying|adding|added|warning|warned|told \w+|noting)\s+"
                        r"|(?:estimated?|estimates|believed?|believes|reported|reports?|warns?|noted|notes|"
                        r"announced|confirmed|stated|claimed|claims?|acknowledged|wrote)\s+(?=that\b))"
                        r"(?:(?:\S+\s+){0,3}?that\s+)?")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?:(?:data|figures|estimates|statistics|numbers)\s+"
                        r"(?:from|by|of)\s+)?(?P<who>[^,.;:]+)")
_NOT_NAMES = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "who", "which", "there"}
_STOP = set("""a an the of and or but to in on at by for from with as is are was were be been being
have has had that this these those their its his her more than up reportedly said says will would
could may might there it they them also already still now all some very another other not no so
into over under per cent percent what which who whom where when while since after before until
during against between across about next past""".split())
# a verb, roughly: auxiliaries, common irregular verbs, and words in -ed ('displaced', 'killed')
_VERB = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|"
                   r"shall|should|remain|remains|remained|become|became|fled|flee|flees|fell|rose|left|"
                   r"died|die|dies|took|arrive|arrives|cross|crosses|need|needs|live|lives|(?!hundred)"
                   r"[a-z]{3,}ed)\b|^\W*(?:that|which|who)\b", re.I)
# the words a figure may have before it at the head of its clause: 'More than 176,400 people'
_OPENS_WITH_FIGURE = re.compile(r"\W*(?:(?:more|less|fewer) than|over|under|some|about|around|nearly|"
                                r"almost|at least|up to|an estimated|approximately|roughly|the|a|an|a further|"
                                r"another|to date)?\W*$", re.I)
MAX_QUOTE = 300     # characters: a clause, not a paragraph
LABEL_WORDS = 12


def sentence_bounds(body: str, start: int, at: int) -> tuple:
    """(start, end) of the sentence of body[start:] that holds offset `at`."""
    bounds = sentence_edges(body, start)
    for s, e in zip(bounds, bounds[1:]):
        if s <= at < e:
            return s, e
    return start, len(body)


def clause_bounds(sentence: str, f_start: int, f_end: int) -> tuple:
    """(start, end) of the shortest clause around the figure at sentence[f_start:f_end] that
    reads on its own: clauses end at , ; : and dashes; one that opens with 'and' or 'which'
    takes the one before it; fewer than five words take a neighbour; 'X said (that)' in
    front is left out (it is the attribution)."""
    cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]
    ends = [0] + [m.start() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]
    segments = [(cuts[i], ends[i + 1]) for i in range(len(cuts) - 1)]
    i = next((n for n, (s, e) in enumerate(segments) if s <= f_start < e + 1), 0)
    j = next((n for n, (s, e) in enumerate(segments) if s < f_end <= e + 1), i)
    # a clause that opens with 'and', 'which'... leans on the one before it
    while i > 0 and _LINKING.match(sentence[segments[i][0]:].lstrip(EDGES)):
        i -= 1
    while len(sentence[segments[i][0]:segments[j][1]].split()) < 5 and (i > 0 or j < len(segments) - 1):
        if j < len(segments) - 1:
            j += 1
        else:
            i -= 1
    # a figure at the head of a clause without a verb is a subject whose claim comes later:
    # 'More than 176,400 people, including around 74,000 children, have been displaced'
    head = segments[i][0]
    said = _LEAD_VERB.search(sentence, head, f_start)     # 'The UN says 1.9 million people, ...'
    head = said.end() if said else head
    opens = find_figures(sentence[head:segments[i][1]])
    if opens and _OPENS_WITH_FIGURE.match(sentence[head:head + opens[0].start]):
        extra = 0
        while not has_verb(sentence[max(head, segments[i][0]):segments[j][1]]) and extra < 3:
            if j < len(segments) - 1:
                j += 1
            elif i > 0:      # '... have returned – 2,500 to Qamishli': the claim is before it
                i -= 1
            else:
                break
            extra += 1
    start = segments[i][0]
    lead = _LEAD_VERB.search(sentence, start, f_start)   # 'said there has been...': who is kept apart
    if lead and len(sentence[lead.end():segments[j][1]].split()) >= 4 and \
            not _CLAUSE_END.search(sentence, lead.end(), f_start):
        start = lead.end()
    return start, segments[j][1]


def has_verb(text: str) -> bool:
    return _VERB.search(text) is not None


def trim_quote(sentence: str, start: int, end: int, f_start: int, f_end: int) -> str:
    """sentence[start:end] without spaces, stray quotation marks and punctuation at its ends,
    and cut to the words around the figure if it is longer than MAX_QUOTE."""
    while start < f_start and sentence[start] in EDGES:
        start += 1
    while end > f_end and sentence[end - 1] in EDGES:
        end -= 1
    if end - start > MAX_QUOTE:   # a clause without commas: the words around the figure
        if f_start - start > MAX_QUOTE // 3:
            start = sentence.find(" ", f_start - MAX_QUOTE // 3, f_start) + 1 or start
        if end - f_end > MAX_QUOTE // 2:
            end = sentence.rfind(" ", f_end, f_end + MAX_QUOTE // 2) if \
                sentence.rfind(" ", f_end, f_end + MAX_QUOTE // 2) > 0 else end
    start, end = _strip(sentence, start, end)
    # keep a closing quotation mark whose opening one the quote holds: '"no more than hundreds"'
    while end < len(sentence) and sentence[end] in "\"\u201d" and _opens_quote(sentence[start:end]):
        end += 1
    return sentence[start:end]


def _strip(text: str, start: int, end: int) -> tuple:
    while start < end and text[start] in EDGES:
        start += 1
    while end > start and text[end - 1] in EDGES:
        end -= 1
    return start, end


def _opens_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("\u201c") > text.count("\u201d")


# -- who states it ----------------------------------------------------------------------------

def attribution(sentence: str, f_start: int, f_end: int):
    """Who the sentence says states the figure: 'According to X', 'X said ...', '..., X said'."""
    found = _ACCORDING.search(sentence)
    if found:
        return _name(found.group("who"))
    verbs = list(_REPORTING.finditer(sentence))
    # 'reports', 'estimates'... are nouns as often as verbs: a plain 'said' says more
    before = sorted((v for v in verbs if v.end() <= f_start and v.group(0) != "saying"),
                    key=lambda v: (v.group(0) in _NOUN_LIKE, v.start()))
    if before:
        who = _name(sentence[:before[0].start()].split(",")[0])
        if who:
            return who
    after = [v for v in verbs if v.start() >= f_end]
    if after:
        head = sentence[f_end:after[0].start()]
        cut = max(head.rfind(","), head.rfind("\u201d"), head.rfind('"'), head.rfind(";"))
        if cut >= 0 and head[cut + 1:].strip():
            return _name(head[cut + 1:])      # '..., AirWars said'
        if cut >= 0:                          # '...," said Jane Doe, a spokeswoman'
            return _name(re.split(r"[,;.]", sentence[after[0].end():])[0])
    return None


def reported_between(words: str) -> bool:
    """Whether `words`, between a quote and a date, say who stated it ('..., Bali told X on')."""
    return _REPORTING.search(words) is not None and not find_figures(words)


def _name(words: str):
    words = words.strip(EDGES + "(")
    words = re.sub(r"^(?:But|And|So|Yet|However|Meanwhile)\b,?\s*", "", words)
    words = re.sub(r"^(?:the|The)\s+", "", words).strip(EDGES)
    if not words or len(words.split()) > 12 or words.lower() in _NOT_NAMES or find_figures(words):
        return None
    return words


# -- id and label -------------------------------------------------------------------------------

def words_after(quote: str, at: int) -> str:
    found = re.match(r"[^,;:.!?\"\u201c\u201d]*", quote[at:])
    return found.group(0).strip() if found else ""


def find_word(text: str, words: str) -> int:
    found = re.search(r"(?<!\w)%s(?!\w)" % re.escape(words), text)
    return found.start() if found else -1


def label_for(quote: str, at: int, end: int, unit) -> str:
    """What the figure at quote[at:end] counts, noun and verb: the words after it ('civilians
    trapped by ISIS'); a lone noun takes the verb that makes the claim, after it ('people, ...,
    have been displaced from X' -> 'people displaced from X') or before it ('evacuated ... five
    families' -> 'families evacuated ...', 'killing at least 45 people' -> 'people killed'),
    or else the words it belongs to ('a border town of 40,000 inhabitants' -> 'inhabitants of
    a border town'). A figure in parentheses counts the words before them ('Cabo Delgado
    (272,000 people affected)' -> 'people affected in Cabo Delgado'; 'Shelter (65%)')."""
    inner = _in_parentheses(quote, at, end)
    if inner is not None:
        return _finish(inner, quote)
    tail = re.sub(r"\s*\([^()]*\)", "", quote[end:])      # '14 families (83 individuals) stranded'
    tail = tail.replace(")", "", 1) if "(" in quote[:at] and ")" in tail else tail
    words = _noun_words(words_after(tail, 0), unit)
    if words and words[0].lower() in ("to", "in", "into", "from", "at") and not unit:
        words = _elided(quote[:at]) + words    # '18,500 people have returned – 2,500 to Qamishli'
    if words and not unit and (len(words) < 2 and _PARTICIPLE.fullmatch(words[0]) or
                               words[0].lower() == "without"):
        words = ["people"] + words             # '868 injured', 'leave thousands without shelter'
    if len(words) < 2:
        noun = words
        rest = tail[tail.find(noun[-1]) + len(noun[-1]):] if noun else tail
        rest = rest[:_next_claim(rest)]        # the verb of the figure's own words, not the next one's
        verb = _VERB_START.search(rest) or _NEED.search(rest)
        head = quote[:at]
        doing = _DOING.search(head)
        if verb:
            words = noun + _noun_words(words_after(rest, verb.end()), None)
        elif doing and noun:                   # 'killing at least 45 people' -> 'people killed'
            words = noun + [_participle(doing.group("verb"))]
        else:
            last = list(_HEAD_VERB.finditer(head))
            if last:
                words = noun + _trimmed(re.split(r"[,;:(]", head[last[-1].start():])[0].split())
                if len(words) == len(noun) + 1 and _OPENS_WITH_FIGURE.match(head[last[-1].end():]):    # 'Chido left 120 fatalities' -> 'fatalities left by Chido'
                    words += _by(head[:last[-1].start()])
            elif noun and re.search(r"\bof\s*$", head) and _trimmed(head.split()):
                phrase = _trimmed(head.split())      # 'a border town of 40,000 inhabitants'
                words = noun + ["of", phrase[0].lower() if phrase[0] in ("A", "An", "The") else phrase[0]] \
                    + phrase[1:]
        if len(words) < 2:
            words = noun or _trimmed(quote[:at].split()[-8:])
    if 2 <= len(words) <= 3 and not has_verb(" ".join(words)) and _LIST_NEXT.search(quote[:at]) and \
            find_figures(quote[:at]):          # '... destroyed along with 250 schools and 52 health centres'
        shared = list(_VERB_WORD.finditer(quote[:at]))
        words = words + [shared[-1].group(0)] if shared else words
    if words and words[0].lower() in ("to", "from") and unit in _LENGTHS:
        words = ["distance"] + words           # 'We are 300 meters from Sudan'
    elif words and words[0].lower() == "to":   # 'it needs $250 million to run its operation'
        needs = re.search(r"\b([a-z]{3,}s)\W*$", quote[:at])
        if needs:
            verb = needs.group(1)[:-1]
            words = [verb + ("d" if verb.endswith("e") else "ed")] + words
    return _finish(words, quote)


# the next item of a list whose first item carries the verb
_LIST_NEXT = re.compile(r"(?:,|\band|\balong with|\bincluding|\bas well as)\s*$")
_LENGTHS = {"km", "kilometres", "kilometers", "metres", "meters", "miles"}
# a figure in the words after a noun starts another claim, unless it is an aside: 'people,
# including around 74,000 children, have been...', '160,000 people, or 10% of ..., could be'
_ASIDE = re.compile(r"(?:^|[,;(])\s*(?:including|or|of whom|among them|among whom)\b[^,;)]*$")


def _next_claim(rest: str) -> int:
    for figure in find_figures(rest):
        if not _ASIDE.search(rest[:figure.start]):
            return figure.start
    return len(rest)


# a verb before the figure: '-ed' words and a few irregular ones ('Chido left 120 fatalities')
_HEAD_VERB = re.compile(r"\b(?:left|hit|struck|(?!hundred)[a-z]{3,}ed)\b")


def _by(subject: str) -> list:
    """Who did it, for a label: the few words before the verb ('Chido', 'Multi-Sectoral
    Initial Rapid Assessments'), without parentheses or a lead ('findings of the')."""
    subject = re.sub(r"\([^()]*\)", "", subject)
    subject = re.split(r"[,;:.]|\bof the\b|\bof\b", subject)[-1]
    words = _trimmed(subject.split())
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    return ["by"] + words if 0 < len(words) <= 5 else []


def _finish(words: list, quote: str) -> str:
    label = " ".join(_trimmed(_cut_at_claim(words))).replace("\ufffd", "")
    label = re.sub(r"(?<=[^\W\d_])- (?=[a-z])", "", label)     # a PDF's line break: 'in- jured'
    label = re.sub(r"(?<=[^\W\d_])- (?=[A-Z])", "-", label).strip(EDGES + "()-\u2013\u2014")
    label = label or quote
    return label.replace("{", "{{").replace("}", "}}").replace("[", "[[").replace("]", "]]")


# a label that is a fragment: it opens with the link to what is counted, or stops mid-phrase
_FRAGMENT_START = re.compile(r"(?:of|and|or|with|without|according|to|by|from|the|a|an|followed)\b", re.I)
_FRAGMENT_END = re.compile(r"\b(?:and|or|of|the|a|an|to|by|with|that|which|according|along|"
                           r"a staggering|an estimated|shows?|showed)$", re.I)


def label_is_fragment(label: str) -> bool:
    """Whether a label says nothing on its own: one word, or a phrase cut at a link word."""
    return len(label.split()) < 2 or bool(_FRAGMENT_START.match(label) or _FRAGMENT_END.search(label))


_PARTICIPLE = re.compile(r"(?:injured|wounded|killed|dead|missing|displaced|affected|evacuated|rescued)", re.I)
# an aux and a state after a subject: '160,000 people ... could be in urgent need of shelter'
_NEED = re.compile(r"\b(?:could|may|might|would|will|are|were|is|was|remain)\s+(?:still\s+)?(?:be\s+)?"
                   r"(?=(?:in|without)\s)")
# an '-ing' verb just before the figure, only a qualifier between: 'killing at least 45'
_DOING = re.compile(r"\b(?!(?:includ|follow|regard|concern|exclud|total|reach|number)ing)(?P<verb>[a-z]{3,}ing)\s+(?:(?:at least|more than|over|about|around|nearly|"
                    r"almost|some|up to)\s+)?$")
_IRREGULAR = {"leaving": "left", "hitting": "hit", "making": "made", "taking": "taken", "sending": "sent"}
# where a label's own words end and another claim begins: '... districts of X show that ...'
_CLAIM_BREAK = re.compile(r"(?:shows?|showed|indicate[sd]?|suggests?|reveals?|account|accounts)$", re.I)


def _participle(verb: str) -> str:
    verb = verb.lower()
    return _IRREGULAR.get(verb, verb[:-3] + "ed")


def _cut_at_claim(words: list) -> list:
    for n, word in enumerate(words):
        if n >= 2 and _CLAIM_BREAK.match(word.strip(EDGES)):
            return words[:n]
        if n >= 2 and word == "as" and words[n - 1].endswith("ed"):   # '... destroyed as violent winds'
            return words[:n]
    return words


def _in_parentheses(quote: str, at: int, end: int):
    """The label of a figure in parentheses, or None if it is not in them: the words inside
    after it and the place before them ('Nampula (175,000 people affected)'), or else the
    phrase the parentheses follow ('followed by Shelter (65%)' -> 'Shelter', with the noun
    of the sentence's first such phrase: 'the most critical need (90%)')."""
    opening, closing = quote.rfind("(", 0, at), quote.find(")", end)
    if opening < 0 or quote.find(")", opening, at) >= 0 or closing < 0 or quote.find("(", end, closing) >= 0:
        return None
    inside = _trimmed(quote[end:closing].split())
    before = re.split(r"[,;:)]|\b(?:and|or|by|followed by|including|with)\b", quote[:opening])[-1].split()
    while before and before[0].lower() in ("the", "a", "an"):
        before = before[1:]
    if not before or len(before) > LABEL_WORDS:
        return None
    if inside and inside[0].isalpha():      # 'Nampula (175,000 people affected)'
        named = len(before) <= 4 and all(w[:1].isupper() for w in before)
        return inside + ["in"] + before if named else None
    if len(before) < 2:
        first = re.search(r"(\w+)\s*\(", quote)
        if first and first.group(1).lower() != before[-1].lower() and not first.group(1)[0].isdigit():
            before = before + [first.group(1)]
    return before


def _elided(head: str) -> list:
    """The noun and verb a figure's clause leaves out because an earlier figure states them:
    'people returned' for '2,500' in '18,500 people have returned ... - 2,500 to Qamishli'."""
    for figure in find_figures(head):
        after = head[figure.end:]
        noun = after.split()[:1]
        verb = _VERB_START.search(after)
        if noun and noun[0].isalpha() and verb and len(after[:verb.start()].split()) <= 2:
            return noun + after[verb.end():].split()[:1]
    return []


# the verb after a subject, auxiliaries left out of the label: '..., have been displaced'
_VERB_START = re.compile(r"(?:\b(?:have|has|had|are|is|was|were|will)\s+(?:been\s+|be\s+)?"
                         r"(?=[a-z]{3,}ed\b)|\b(?=(?!hundred)[a-z]{3,}ed\b))")
_VERB_WORD = re.compile(r"\b(?!hundred)[a-z]{3,}ed\b")


def _noun_words(phrase: str, unit) -> list:
    more = find_figures(phrase)   # '1,200 households ... and 3 health centres'
    words = phrase[:more[0].start if more else len(phrase)].split()
    if unit and unit != "%" and words and words[0].lower() == unit:
        words = words[1:]
    if words and words[0].lower() == "of":    # 'thousands of civilians', '95% of the houses'
        words = words[1:]
        if unit == "%" and words and words[0].lower() == "the":
            words = words[1:]
    if unit == "%" and len(words) > 2 and words[1].lower() in ("are", "is", "were", "was"):
        del words[1]                         # 'houses are affected' -> 'houses affected'

    if len(words) > LABEL_WORDS:   # cut before the phrase the limit would break
        words = words[:LABEL_WORDS]
        while len(words) > 3 and words[-1].lower() not in _STOP:
            words.pop()
    return _trimmed(words)


_TRAILING = {"along", "staggering", "estimated", "including", "following"}


def _trimmed(words: list) -> list:
    words = list(words)
    while words:
        if words[-1].lower().strip(EDGES) in _STOP | _TRAILING or not words[-1].strip(EDGES):
            words.pop()
        elif [w.lower() for w in words[-2:]] == ["in", "addition"]:   # '... in addition to five'
            del words[-2:]
        else:
            break
    return words


def suggest_id(words: str) -> str:
    words = re.sub(r"['\u2019]s\b", "", words.lower())        # Raqqa's population
    kept = [w for w in slug_words(words) if w not in _STOP and not w.isdigit()]
    return "-".join(kept[:3]) or "figure"
