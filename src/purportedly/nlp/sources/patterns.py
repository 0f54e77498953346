"""Find noun phrases the parse shows citing a source: 'according to X', 'X said', 'released by X'..."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from purportedly.lexicons import lowered
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.sources.aliases import source_words
from purportedly.nlp.sources.citing_lexicon import CitingLexicon, load_citing_lexicon
from purportedly.nlp.sources.owners import channel_owner
from purportedly.nlp.times.rules import MONTH_NAMES, WEEKDAY_NAMES

# Children that start a new phrase rather than belong to the name: "X, who ...", "X, a blogger".
PHRASE_BREAKS = frozenset(
    {"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "parataxis", "dep", "case"}
)
WORDS = source_words()
LEADING_WORDS = lowered(WORDS, "leading_words")
RELATIVE_PRONOUNS = frozenset({"which", "who", "that", "whom"})
# How a citation was found; the strong ones cite a source however generic its noun.
STRONG_HOWS = frozenset(
    {
        "according_to",
        "agent",
        "recipient",
        "statement_to",
        "channel_of",
        "outlet_named",
        "told_outlet",
        "interviewed",
        "interviewee",
        "posted_on",
    }
)
PEN_NAME_VERBS = load_citing_lexicon().pen_name_verbs  # 'a blogger who writes as X'
MEDIA_NOUNS = lowered(WORDS, "media_nouns")
STRONG_VERBS = lowered(WORDS, "strong_verbs")


@dataclass(frozen=True)
class Citation:
    """A noun phrase naming (or describing) whoever some information came from."""

    head: Token
    start: int  # character span of the whole noun phrase
    end: int
    name_start: int  # character span of its proper name, or the phrase without "a"/"the"
    name_end: int
    how: str  # which pattern found it: according_to, subject, agent, recipient, ...
    verb: str | None = None  # lemma of the citing verb, if any
    proper: bool = False  # name_start:name_end is a proper name, not a description
    present: bool = False  # cited with a present-tense verb ("the soldier says"): narration of a recording
    owner: Token | None = None  # who runs the channel or blog it names ('his channel, X')

    @property
    def strong(self) -> bool:
        return self.how in STRONG_HOWS or (self.how == "subject" and self.verb in STRONG_VERBS)


def find_citations(doc: Doc, sentences: list[Span], lexicon: CitingLexicon) -> list[Citation]:
    """Every citing noun phrase in ``sentences`` (one linear pass over their tokens)."""
    found: list[Citation] = []
    # most tokens trigger nothing: the few that do are found on the token array, before the parse
    triggered = doc_index(doc).words_in(_trigger_words(lexicon))
    for sentence in sentences:
        for i in triggered[bisect_left(triggered, sentence.start) : bisect_left(triggered, sentence.end)]:
            found.extend(citations_at(doc[i], lexicon))
    return found


@lru_cache(maxsize=8)
def _trigger_words(lexicon: CitingLexicon) -> frozenset[str]:
    first_words = {p[0] for p in lexicon.source_prepositions}
    return (
        lexicon.report_verbs
        | lexicon.statement_nouns
        | lexicon.outlet_nouns
        | lexicon.interview_verbs
        | lexicon.to_outlet_verbs
        | lexicon.verdict_verbs
        | lexicon.information_nouns
        | first_words
        | set(MISTAGGED_FORMS)
    )


# Forms the tagger sometimes reads as auxiliaries ('a woman who ... said she', said/AUX/auxpass),
# with a wrong lemma: they are still the reporting verb.
MISTAGGED_FORMS = {"said": "say", "says": "say", "told": "tell", "tells": "tell"}


def citations_at(token: Token, lexicon: CitingLexicon) -> list[Citation]:
    lemma = MISTAGGED_FORMS.get(token.lower_, token.lemma_.lower())
    lower = token.lower_
    heads: list[tuple[Token, str, str | None]] = []
    if (
        token.pos_ in ("VERB", "AUX")
        and (lemma in lexicon.report_verbs or passes_verdict(token, lexicon))
        and not reported_within_report(token, lexicon)
    ):
        heads.extend(verb_sources(token, lemma))
        if lemma in lexicon.posted_on_verbs:
            heads.extend((c, "posted_on", lemma) for c in posted_on(token))
    if lemma in lexicon.information_nouns and token.dep_ == "pobj" and introduced_as_source(token.head):
        heads.extend((c, "according_to", None) for c in compilers(token))
    if (lower, token.nbor(1).lower_ if token.i + 1 < len(token.doc) else "") in _two_word_preps(lexicon) or (
        (lower,) in lexicon.source_prepositions
    ):
        heads.extend((c, "according_to", None) for c in preposition_objects(token))
    if lemma in lexicon.to_outlet_verbs and token.pos_ == "VERB" and addressed_to_outlet(token):
        heads.extend((c, "told_outlet", lemma) for c in token.children if c.dep_ == "nsubj")
    if lemma in lexicon.interview_verbs and token.pos_ == "VERB":
        heads.extend((c, "interviewed", None) for c in interviewed_by_outlet(token))
    if lower in lexicon.statement_nouns:
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in ("to", "with"):
                heads.extend((c, "statement_to", None) for c in prep.children if c.dep_ == "pobj")
    if lower in lexicon.outlet_nouns and not is_affiliation(token, lexicon):
        if lower in MEDIA_NOUNS:  # "Sadovaya's Telegram channel"; a personal page is not media
            heads.extend(
                (c, "channel_of", None) for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"
            )
        # every way the noun can carry a name: 'a channel called X', 'the X channel', 'X, a channel';
        # a platform caught as the name ('the Telegram channel') is dropped later
        named = [n for n in (name_after(token), name_before(token), name_in_apposition(token)) if n]
        owner = channel_owner(token) if lower in MEDIA_NOUNS else None
        named = [replace(n, owner=owner) for n in named] if owner is not None else named
        if named:
            return named + [c for h in heads for c in expand(h)]
    return [c for h in heads for c in expand(h)]


def is_affiliation(noun: Token, lexicon: CitingLexicon) -> bool:
    """'an analyst who runs the channel X', 'a correspondent who writes for the website Y': the
    outlet says who the person is; it is cited only where the text cites it."""
    token = noun
    for _ in range(4):
        if token.dep_ in ("relcl", "acl"):
            return True
        if (
            token.dep_ == "pobj"
            and token.head.lower_ in ("for", "at", "with")
            and token.head.head.dep_
            in (
                "relcl",
                "acl",
            )
        ):
            return True
        if token.dep_ in ("ROOT", "nsubj", "nsubjpass") or token.head is token:
            return False
        if token.dep_ in ("dobj", "appos", "compound", "pobj", "prep") and token.head.lemma_.lower() in (
            lexicon.report_verbs
        ):
            return False  # 'who posted it on the channel X' cites the channel
        token = token.head
    return False


def posted_on(verb: Token) -> list[Token]:
    """'posted on Tsvit', 'published on Kartograf Vostok': a named channel (not a day or place)."""
    found = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"):
        for name in (o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN"):
            if name.ent_type_ not in NOT_CHANNEL_TYPES and not is_calendar(name):
                found.append(name)
    return found


NOT_CHANNEL_TYPES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "NORP", "EVENT"})


def passes_verdict(verb: Token, lexicon: CitingLexicon) -> bool:
    """'officials have called the video staged', 'Moscow branded it a fake': a verdict verb with
    an object predicate ('he called his mother' passes no verdict)."""
    if verb.lemma_.lower() not in lexicon.verdict_verbs:
        return False
    for child in verb.children:
        if child.dep_ == "oprd":
            return True
        # 'called the recording fabricated': the tagger often hangs the predicate on the object
        if child.dep_ == "dobj" and any(
            p.dep_ == "acl" and p.tag_ == "VBN" and p.i == child.i + 1 for p in child.rights
        ):
            return True
    return False


def introduced_as_source(preposition: Token) -> bool:
    """'according to' or 'per' ('in response to a statement' introduces no source)."""
    if preposition.lower_ == "per":
        return True
    return preposition.lower_ == "to" and preposition.head.lower_ == "according"


def compilers(record: Token) -> list[Token]:
    """'according to a tally kept by the group X', 'according to the ministry's estimate': who
    compiled the record is the source ('according to a tally' alone names no one)."""
    found = [c for c in record.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
    for clause in (c for c in record.children if c.dep_ == "acl"):
        for agent in (c for c in clause.children if c.dep_ == "agent"):
            found.extend(o for o in agent.children if o.dep_ == "pobj")
    for prep in (c for c in record.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")):
        found.extend(o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "PROPN")
    return found


def name_before(noun: Token) -> Citation | None:
    """'the Steppe Dispatch channel', 'the pro-war Vostok Watch blog': a name right before the
    noun. A platform word before it ('the Telegram channel') is dropped later as a platform."""
    if noun.lower_ not in MEDIA_NOUNS:
        return None
    doc = noun.doc
    j = noun.i
    i = j
    while i > 0 and is_name_word(doc[i - 1]) and doc[i - 1].pos_ == "PROPN":
        i -= 1
    if i == j or (i > 0 and doc[i - 1].lower_ not in LEADING_WORDS and doc[i - 1].pos_ != "ADJ"):
        return None  # 'Ivanov's channel' is handled as channel_of; a name needs 'the ...'
    run = doc[i:j]
    return Citation(
        run.root, run.start_char, run.end_char, run.start_char, run.end_char, "outlet_named", proper=True
    )


def name_in_apposition(noun: Token) -> Citation | None:
    """'Vostok Watch, a Telegram channel that tracks losses': the name the description follows."""
    if noun.lower_ not in MEDIA_NOUNS:
        return None
    doc = noun.doc
    i = noun.left_edge.i  # 'a Telegram channel' starts at its determiner
    if i < 2 or doc[i - 1].text != "," or doc[i].lower_ not in ("a", "an"):
        return None
    end = i - 1
    start = end
    while start > 0 and doc[start - 1].like_num and not doc[start - 1].is_sent_start:
        start -= 1  # a handle's number: 'Zhony 1254, a Telegram channel'
    numbers = start
    # the tagger often reads 'Name 1254' as a date, so calendar words alone are ruled out here
    while (
        start > 0
        and doc[start - 1].is_title
        and doc[start - 1].pos_ == "PROPN"
        and not is_calendar(doc[start - 1])
    ):
        start -= 1
    if start == numbers:
        return None
    run = doc[start:end]
    return Citation(
        run.root, run.start_char, run.end_char, run.start_char, run.end_char, "outlet_named", proper=True
    )


def addressed_to_outlet(verb: Token) -> bool:
    """'sent me a message', 'wrote to us': the outlet ("me"/"us") receives what is sent."""
    for child in verb.children:
        if child.dep_ in ("dative", "dobj", "iobj") and child.lower_ in ("me", "us"):
            return True
        to_outlet = child.dep_ in ("prep", "dative") and child.lower_ == "to"
        if to_outlet and any(o.lower_ in ("me", "us") for o in child.children):
            return True
    return False


def interviewed_by_outlet(verb: Token) -> list[Token]:
    """'We reached his sister', 'I spoke to a nurse': whom the outlet itself talked to."""
    if not any(c.dep_ == "nsubj" and c.lower_ in ("we", "i") for c in verb.children):
        return []
    found = [c for c in verb.children if c.dep_ == "dobj"]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "with")):
        found.extend(c for c in prep.children if c.dep_ == "pobj")
    return [c for c in found if c.pos_ in ("NOUN", "PROPN")]


def reported_within_report(verb: Token, lexicon: CitingLexicon) -> bool:
    """'He said the commander had told them ...': the inner speaker is the outer one's source,
    not the article's."""
    return verb.dep_ in ("ccomp", "xcomp") and verb.head.lemma_.lower() in lexicon.report_verbs


def verb_sources(verb: Token, lemma: str) -> list[tuple[Token, str, str | None]]:
    out: list[tuple[Token, str, str | None]] = []
    if lemma in ("speak", "talk") and not spoke_to_us(verb):
        return out
    if lemma == "say" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        inverted = inverted_subject(verb)  # '..., said the village head, Petro Tkachuk'
        if inverted is not None:
            out.append((inverted, "subject", lemma))
    if verb.dep_ in ("acl", "ROOT") or lemma == "say":
        fronted = misattached_subject(verb)
        if fronted is not None:
            out.append((fronted, "subject", lemma))
    for child in verb.children:
        if child.dep_ == "nsubj":
            subject = child
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                subject = verb.head  # "the Kyiv Post, which first reported ..."
            out.append((subject, "subject", lemma))
        elif child.dep_ == "agent":
            out.extend((c, "agent", lemma) for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ == "by" and any(c.dep_ == "agent" for c in verb.children):
            # 'shared by the Kyiv Post and later by the Eastern Ledger': a second agent
            out.extend((c, "agent", lemma) for c in child.children if c.dep_ == "pobj")
        elif child.dep_ in ("dative", "dobj") and lemma == "tell":
            out.append((child, "recipient", lemma))
    if lemma == "tell" and told_outlet(verb):
        out = [(h, "recipient" if how == "recipient" else "told_outlet", v) for h, how, v in out]
    elif lemma == "tell":  # 'Ivanov told his wife ...': a conversation, not a statement to the press
        out = [(h, "told_private", v) for h, how, v in out if how == "subject"]
    return out


def inverted_subject(verb: Token) -> Token | None:
    """The noun phrase right after a subject-less 'said' (the parser often misses the inversion)."""
    doc = verb.doc
    head = None
    for token in doc[verb.i + 1 : min(len(doc), verb.i + 8)]:
        if token.pos_ in ("NOUN", "PROPN"):
            head = token
        elif token.pos_ not in ("DET", "ADJ", "PART") and token.text not in ("'s", "’s", "-"):
            break
    return head


def misattached_subject(verb: Token) -> Token | None:
    """'Reached by phone, a woman who ... said', 'Ivan Orlov, an official in the region, denied':
    the parser often hangs the subject (or the verb) on an appositive; the noun phrase ending
    right before the verb, or the name its appositive describes, is the subject."""
    doc = verb.doc
    if verb.i < 2 or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    comma = doc[verb.i - 1].text == ","
    last = doc[verb.i - 2] if comma else doc[verb.i - 1]
    for token in (last, *last.ancestors):
        if token.i >= verb.i or token.dep_ == "ROOT":
            break
        if token.dep_ == "appos" and token.pos_ in ("NOUN", "PROPN"):
            return token.head if comma and token.head.pos_ == "PROPN" else token
    return None


def told_outlet(verb: Token) -> bool:
    """'told us', 'told Reuters', 'told the news site X': the teller is the outlet's source."""
    for child in verb.children:
        if child.dep_ in ("dative", "dobj"):
            if child.lower_ in ("us", "me") or child.pos_ == "PROPN" or child.lower_ in OUTLET_WORDS:
                return True
            if any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in child.children):
                return True  # 'told our digest', 'told my colleague
            if any(c.pos_ == "PROPN" for c in child.subtree):
                return True
    return False


OUTLET_WORDS = lowered(WORDS, "outlet_words")


def spoke_to_us(verb: Token) -> bool:
    """'He spoke to us', 'she talked to Reuters': the subject gave the outlet information."""
    for prep in verb.children:
        objects = [c for c in prep.children if c.dep_ == "pobj"] if prep.dep_ == "prep" else []
        hearers = [c for c in objects if c.lower_ in ("us", "me") or c.pos_ == "PROPN"]
        if prep.lower_ in ("to", "with") and hearers:
            return True
    return False


@lru_cache(maxsize=8)
def _two_word_preps(lexicon: CitingLexicon) -> frozenset[tuple[str, ...]]:
    return frozenset(p for p in lexicon.source_prepositions if len(p) == 2)


def preposition_objects(token: Token) -> list[Token]:
    """Objects of 'according to' / 'as per' / 'per' / 'citing' starting at ``token``."""
    candidates = [token, *token.children]
    if token.i + 1 < len(token.doc):
        candidates.append(token.nbor(1))
        candidates.extend(token.nbor(1).children)
    return [c for c in dict.fromkeys(candidates) if c.dep_ in ("pobj", "dobj") and c.i > token.i]


def name_after(noun: Token) -> Citation | None:
    """'the regional newspaper Priozyorny Kurier', 'a channel called Tank Graveyard'."""
    doc = noun.doc
    i = noun.i + 1
    if i < len(doc) and doc[i].lower_ in (",", "called", "named"):
        i += 1
    j = i
    while j < len(doc) and is_name_word(doc[j]):
        j += 1
    if j == i:
        return None
    run = doc[i:j]
    return Citation(
        run.root, run.start_char, run.end_char, run.start_char, run.end_char, "outlet_named", proper=True
    )


MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
CALENDAR_WORDS = frozenset([*MONTH_NAMES, *MONTH_ABBREVIATIONS, *WEEKDAY_NAMES])


def is_calendar(token: Token) -> bool:
    return token.lower_.rstrip(".") in CALENDAR_WORDS


def is_date_word(token: Token) -> bool:
    """A month or weekday used as one ('the Oct. 7 raid', 'on Tuesday'), never a name: cut short
    with a full stop, tagged as a date, or followed by a day's number ('May' alone may be a name)."""
    if not is_calendar(token):
        return False
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.text.endswith(".")
        or token.ent_type_ in ("DATE", "TIME")
        or (following is not None and following.like_num)
    )


def is_name_word(token: Token) -> bool:
    """A capitalised word that can be part of a name (not a date, not a sentence start)."""
    return (
        (token.is_title or token.is_upper)
        and token.is_alpha
        and not token.is_sent_start
        and token.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL")
    )


def expand(item: tuple[Token, str, str | None]) -> list[Citation]:
    """A citation for the head and for each head it is coordinated with ("X and Y said")."""
    head, how, verb = item
    heads = [head, *(c for c in head.conjuncts if c.i > head.i)]
    # 'according to the UN and local authorities': the parser hangs the first of two sources on
    # the second's noun as a modifier; a proper name coordinated there is a source of its own
    heads += [m for h in list(heads) for m in h.lefts if coordinated_name(m)]
    # narrated like a recording: 'the soldier says', 'Ivanov told his wife'
    present = (how == "subject" and head.head.tag_ in ("VBZ", "VBP")) or how == "told_private"
    return [citation_of(h, how, verb, present) for h in heads]


def citation_of(head: Token, how: str, verb: str | None, present: bool = False) -> Citation:
    start, end = phrase_bounds(head)
    name_start, name_end = proper_name_bounds(head)
    if name_start is None:
        name_start, name_end = appositive_name(head, end)
    proper = name_start is not None
    if name_start is None:
        name_start, name_end = start, end
        words = head.doc.char_span(start, end, alignment_mode="expand")
        if words is not None and len(words) > 1 and words[0].lower_ in LEADING_WORDS:
            name_start = words[1].idx
    return Citation(head, start, end, name_start, name_end, how, verb, proper=proper, present=present)


def appositive_name(head: Token, phrase_end: int) -> tuple[int | None, int | None]:
    """The proper name a description carries: 'a blogger, Ilya Grach', 'a blogger who writes
    under the name Shturm Notes', 'a local news site, Penza Segodnya'."""
    for appositive in (c for c in head.children if c.dep_ == "appos"):
        if appositive.pos_ == "PROPN":
            return proper_name_bounds(appositive)
        names = [
            t
            for t in appositive.subtree
            if t.pos_ == "PROPN" and t.dep_ not in ("compound", "flat") and not is_date_word(t)
        ]
        if names:  # 'the commander, Colonel Ivan Sorokin' parsed with the title as the head
            return proper_name_bounds(names[-1])
    doc = head.doc
    named = name_after_office(head)
    if named is not None:
        return named
    # 'one of its editors, who gave her name only as Oksana': the clause may hang on the 'of' object
    holders = [head, *(o for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children)]
    for clause in (c for h in holders for c in h.children if c.dep_ in ("relcl", "acl")):
        for token in clause.subtree:
            if introduces_name(token) and token.i + 1 < len(doc):
                run = name_run(doc, after_name_fillers(doc, token.i + 1))
                if run is not None:
                    return run
    for clause in (c for c in head.children if c.dep_ in ("relcl", "acl")):
        closing = name_closing_clause(clause, head)
        if closing is not None:
            return closing
    after = doc.char_span(phrase_end, phrase_end + 2, alignment_mode="expand")
    if after is not None and len(after) and after[0].text == ",":
        return name_run(doc, after[0].i + 1) or (None, None)
    return None, None


def name_after_office(head: Token) -> tuple[int, int] | None:
    """'the head of the Donetsk regional administration Pavel Kirilenko': with no comma the parser
    hangs the person's name on the 'of' phrase, after the body's common noun; the name is the
    head's ('the mayor of Kramatorsk' names a town, not a person, and keeps its description)."""
    for preposition in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (c for c in preposition.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
            start, end = proper_name_bounds(obj)
            if start is None or obj.ent_type_ != "PERSON":
                continue
            first = obj.doc.char_span(start, end, alignment_mode="expand")
            before = obj.doc[first.start - 1] if first is not None and first.start > 0 else None
            if len(first) > 1 and before is not None and before.pos_ == "NOUN" and before.dep_ == "compound":
                return start, end
    return None


def name_closing_clause(clause: Token, head: Token) -> tuple[int, int] | None:
    """'A channel that follows the division, Zapadny Dozor, said': the parser hangs the name on
    the clause's last noun, but a name set off by commas right before the head's verb is the head's."""
    doc = head.doc
    last = clause.right_edge.i
    if doc[last].text == ",":  # the closing comma may hang on the clause too
        last -= 1
    closes = last + 1 < len(doc) and (
        doc[last + 1].text in (".", ";")  # '... who said she was his sister, Nadezhda.'
        or (last + 2 < len(doc) and doc[last + 1].text == "," and doc[last + 2] == head.head)
    )
    if not closes:
        return None
    first = last
    while first > clause.i and doc[first].like_num:
        first -= 1  # a handle's number: '..., Granitsa 31, claimed'
    named = first
    # the tagger reads rare first names as common nouns ('sister, Nadezhda'): a capitalised
    # appositive counts as a name too
    while (
        first > clause.i
        and doc[first].is_title
        and (doc[first].pos_ == "PROPN" or doc[first].dep_ == "appos")
    ):
        first -= 1
    if first == named or doc[first].text != ",":
        return None
    return doc[first + 1].idx, doc[last].idx + len(doc[last])


def introduces_name(token: Token) -> bool:
    """'called', 'named', 'under the name', or 'as' after a pen-name verb ('who writes as Sever')."""
    if token.lower_ in ("called", "named", "name"):
        return True
    return token.lower_ == "as" and token.head.lemma_.lower() in PEN_NAME_VERBS


NAME_FILLERS = lowered(WORDS, "name_fillers")


def after_name_fillers(doc: Doc, i: int) -> int:
    """Skip the words between 'name' and the name: 'gave her name only as Oksana'."""
    for _ in range(3):
        if i < len(doc) and doc[i].lower_ in NAME_FILLERS:
            i += 1
    return i


def name_run(doc: Doc, i: int) -> tuple[int, int] | None:
    j = i
    while j < len(doc) and is_name_word(doc[j]) and doc[j].pos_ == "PROPN":
        j += 1
    if j == i:
        return None
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def phrase_bounds(head: Token) -> tuple[int, int]:
    """Characters of the noun phrase headed by ``head``, without clauses and appositives."""
    left = head.i
    floor = max((c.right_edge.i + 1 for c in head.lefts if coordinated_name(c)), default=0)
    for child in head.lefts:
        if child.dep_ not in PHRASE_BREAKS:
            left = max(floor, min(left, child.left_edge.i))
    right = head.i
    doc = head.doc
    for child in head.rights:
        if child.dep_ in PHRASE_BREAKS:
            break
        right = child.right_edge.i
    # stop at the first comma or dash: "a source close to X, quoted by Y, claimed"
    for token in doc[head.i : right + 1]:
        if token.is_punct and token.text not in ("'", "’", "-", ".", "&"):
            right = token.i - 1
            break
    span = doc[left : right + 1]
    return span.start_char, span.end_char


def coordinated_name(modifier: Token) -> bool:
    """'the UN and local authorities': a proper name before a noun, joined to the rest by 'and'."""
    return (
        modifier.dep_ in ("nmod", "compound")
        and modifier.pos_ == "PROPN"
        and any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in modifier.rights)
    )


def joins_name_parts(first: Token, hyphen: Token) -> bool:
    """'Tidball' '-' before 'Binz': capitalised proper-noun parts joined by a hyphen with no
    spaces. A lowercase particle ('al-', 'el-') is left out, so that 'Mr Qudra' still matches."""
    return (
        hyphen.text in ("-", "\u2010")
        and not first.whitespace_
        and not hyphen.whitespace_
        and first.pos_ == "PROPN"
        and first.text[:1].isupper()
    )


def opens_organisation_name(before: Token, token: Token) -> bool:
    """'Syrian Media Organization': a capitalised adjective the tagger did not call a proper noun
    before an organisation's name (the entity recogniser sometimes splits it off as NORP)."""
    if before.pos_ != "ADJ" or not before.text[:1].isupper() or token.ent_type_ != "ORG":
        return False
    # inside the same entity, or a nationality the recogniser split off the organisation's name
    return (token.ent_iob_ == "I" and before.ent_type_ == "ORG") or (
        before.ent_type_ == "NORP" and before.dep_ in ("amod", "compound")
    )


# a line this long that ends inside a sentence was wrapped by its source, not ended by the writer
WRAPPED_LINE_CHARS = 40


def name_broken_by_line_wrap(first: Token, gap: Token) -> bool:
    """'Minister Hassan' + '\\n' before 'Ali Khaire': a proper noun ending a long line, then one line
    break (not a paragraph break) inside a run of proper nouns. The word before it must be a proper
    noun too: a headline ending '... in Ukraine' above 'Russia has denied' is two names, not one."""
    if not gap.is_space or gap.text.count("\n") != 1 or first.pos_ != "PROPN" or not first.text[:1].isupper():
        return False
    if first.i == 0 or first.doc[first.i - 1].pos_ != "PROPN":
        return False
    text = first.doc.text
    line_start = text.rfind("\n", 0, first.idx) + 1
    return gap.idx - line_start >= WRAPPED_LINE_CHARS


def proper_name_bounds(head: Token) -> tuple[int | None, int | None]:
    """The run of proper-noun tokens ending at ``head`` ('Petro Tkachuk'), if head is one."""
    if head.pos_ != "PROPN" or is_date_word(head):
        return None, None
    doc = head.doc
    left = head.i
    while left > 0:
        before = doc[left - 1]
        if before.pos_ == "PROPN" and before.dep_ in ("compound", "flat", "amod", "nmod"):
            left -= 1
        elif left > 1 and joins_name_parts(doc[left - 2], before):
            left -= 2  # 'Tidball-Binz': a hyphenated surname is one name, not its last part
        elif opens_organisation_name(before, doc[left]):
            left -= 1
        elif left > 1 and name_broken_by_line_wrap(doc[left - 2], before):
            left -= 2  # 'Prime Minister Hassan\nAli Khaire': a hard-wrapped line split the name
        else:
            break
    right = head.i
    # "General Staff of the Armed Forces": keep an 'of' phrase made of proper nouns
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            tail = list(child.subtree)
            if tail and all(t.pos_ in ("PROPN", "DET", "ADP") for t in tail):
                right = tail[-1].i
    # a handle's number is part of the name: 'posted by Zhony 1254'
    following = doc[right + 1] if right + 1 < len(doc) else None
    if following is not None and following.is_digit and following.head == head and not is_calendar(head):
        right += 1
    return doc[left].idx, doc[right].idx + len(doc[right])
