"""Turn citations and alias hits into source candidates: decide which name a source, and of what kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Span

from purportedly.lexicons import lowered
from purportedly.model import SourceKind
from purportedly.nlp.sources.aliases import AliasHit, AliasTable, KnownSource, source_words
from purportedly.nlp.sources.citing_lexicon import CitingLexicon, load_source_kinds
from purportedly.nlp.sources.descriptions import clause_description, described_participant, restrictive_clause
from purportedly.nlp.sources.patterns import Citation, proper_name_bounds

WORD = re.compile(r"\w+")
# a capitalised word right after a table name: the text's own name is longer than the table's form
NAME_GOES_ON = re.compile(r" (?:of )?[A-Z][a-z]")
WORDS = source_words()
PRONOUNS = lowered(WORDS, "pronouns")
KIND_BY_NOUN: dict[str, SourceKind] = load_source_kinds()  # data/sources/kinds.toml
# Media nouns: an outlet or channel is a source only under its name ("a Russian channel" is not).
UNNAMED_MEDIA = lowered(WORDS, "unnamed_media")
# what two voices are heard in: a source 'said in the conversation' is one of them
CALL_NOUNS = lowered(WORDS, "call_nouns")
INTRODUCING = lowered(WORDS, "introducing_words")


@dataclass
class Candidate:
    """One mention that may name a source, with what the text says about it."""

    start: int
    end: int
    name: str  # the proper name or the description, as written
    alias: str | None  # the whole phrase when it differs from the name
    kind: SourceKind
    known: KnownSource | None = None
    proper: bool = False  # a proper name (person or organisation), not a description
    person: bool = False
    strong: bool = False  # found by a pattern that cites whoever it names
    present: bool = False  # cited in the present tense, as people heard on a recording are
    heard: bool = False  # narrated where a recording is described: someone heard on it
    identified: bool = False  # the name a releasing service gives a voice on its recording
    participant: bool = False  # a described woman, sister...: a source only away from a recording
    member: bool = False  # speaks for a known body it names: 'a HUR spokesperson'
    owner: str | None = None  # the person who runs the channel: 'Anatoly Shtyrkov'
    described_as: str | None = None  # its appositive: 'Vadim Orlov, a Russian-installed official'
    descriptor_kind: SourceKind | None = None
    prefer: str | None = None
    prefer_known: KnownSource | None = None  # the body ``prefer`` names, from the alias table
    by_description: bool = False  # a description resolved to a known body ('Ukrainian spies')
    loose: bool = False  # a bare noun the rules would not keep ('authorities said'): the model's call
    runs_on: bool = False  # the text's name goes on past the table's form ('... Directorate')
    how: str = "alias"  # the citing pattern that found it ('subject', 'according_to'...), for the decision
    verb: str | None = None  # lemma of its citing verb


def from_alias_hit(
    hit: AliasHit, strong: bool, referent_only: bool = False, table: AliasTable | None = None, text: str = ""
) -> Candidate:
    """A candidate for a known name or a generic description; ``referent_only`` for a name in
    a sentence that cites no one, kept only so that a later 'the ministry' can point back to it.
    ``table`` gives a description's preferred body ('Ukraine's military intelligence': HUR)."""
    if hit.known is not None:
        return Candidate(
            hit.start,
            hit.end,
            hit.text,
            None,
            hit.known.kind,
            known=hit.known,
            proper=True,
            strong=not referent_only and (strong or hit.known.cited),
            runs_on=NAME_GOES_ON.match(text, hit.end) is not None,
        )
    descriptor = hit.descriptor
    return Candidate(
        hit.start,
        hit.end,
        hit.text,
        None,
        descriptor.kind,
        strong=strong or descriptor.cited,
        descriptor_kind=descriptor.kind,
        runs_on=NAME_GOES_ON.match(text, hit.end) is not None,
        prefer=descriptor.prefer,
        prefer_known=table.by_name(descriptor.prefer) if table is not None and descriptor.prefer else None,
    )


def from_citation(
    text: str, citation: Citation, lexicon: CitingLexicon, table: AliasTable, loose: bool = False
) -> Candidate | None:
    """A candidate for a citing phrase, or None when the phrase cannot name a source. With
    ``loose``, a bare noun that describes no one ('authorities there said', 'circles close to
    it') is proposed too, marked ``loose``, for the learned decision to judge."""
    head = citation.head
    if is_speaking_document(citation, lexicon):
        return document_candidate(text, citation)
    if citation.how == "subject" and citation.verb in lexicon.weak_subject_verbs:
        return None  # 'the man describes ...': telling what is heard, not citing anyone
    if not citation.proper and (head.lower_ in PRONOUNS or head.pos_ == "PRON" or head.like_num):
        return None  # 'one of its editors' counts only with the name it gives
    doc = citation.head.doc
    name = text[citation.name_start : citation.name_end]
    if citation.how == "outlet_named" and len(name.split()) > 1 and table.is_platform(name.split()[-1]):
        name = name.rsplit(None, 1)[0]  # 'the Steppe Dispatch Telegram channel'
        citation = replace(citation, name_end=citation.name_start + len(name), end=citation.start + len(name))
    phrase = text[citation.start : citation.end]
    # a two-letter acronym ('the UN') is a name; other words that short are not
    short = len(name.strip()) < 3 and not (citation.proper and re.fullmatch(r"[A-Z]{2}", name.strip()))
    if short or table.is_platform(name) or table.is_platform(phrase):
        return None
    name_tokens = doc.char_span(citation.name_start, citation.name_end, alignment_mode="expand")
    if name_tokens is None or is_country_or_people(name_tokens, table):
        return None
    if citation.how == "quote_speaker" and misplaced_speaker(citation, name_tokens):
        return None
    proper = citation.proper
    participant = not proper and described_participant(head, citation.how, citation.verb, lexicon)
    # 'Andrei said in the July 12 conversation': a voice on an intercepted call, not a cited source
    participant = participant or (citation.how == "subject" and speaks_in_call(head))
    if not proper and (participant or is_source_description(head, lexicon)):
        # 'analysts who study the releases', 'a woman who identified herself as his wife'
        described = clause_description(head)
        if described is not None:
            name = text[described[0] : described[1]]
    if name.lower().strip(" .,") in lexicon.participant_nouns:
        return None  # a kin word as a name or form of address: 'Mum', 'Mama'
    if not proper and head.lower_ in UNNAMED_MEDIA and not has_definite_owner(head):
        return None  # 'a Russian channel repeated it' names nothing to trace; 'the court's website' does
    if proper and name.isupper() and name.lower().split()[-1] in lexicon.participant_nouns | {"voice"}:
        return None  # a transcript label: "SOLDIER:", "UNIDENTIFIED MALE VOICE:"
    if proper and len(name_tokens) == 1 and name_tokens[0].lower_ in lexicon.source_nouns:
        return None  # 'Blogger says ...' in a headline: a capitalised description, no name
    if proper and len(name_tokens) == 1 and name_tokens[0].lower_ in lexicon.recording_nouns:
        return None  # 'Footage posted online showed ...': a sentence-initial recording noun, no name
    person = proper and any(t.ent_type_ == "PERSON" for t in name_tokens)
    bare = not proper and not participant and not is_source_description(head, lexicon)
    if bare and not (loose and head.pos_ == "NOUN"):
        return None
    if not proper:
        name = with_indefinite_article(phrase, name)
    if proper:
        name = without_title(name, lexicon.titles)
        if citation.how == "interviewee" and name.isupper():
            name = name.title()  # 'OLHA MARCHUK:' -> 'Olha Marchuk'
            person = True
    alias = phrase if phrase != name else None
    return Candidate(
        citation.start,
        citation.end,
        name,
        alias,
        kind_of(text, citation, person),
        proper=proper,
        person=person,
        strong=citation.strong,
        present=citation.present,
        participant=participant,
        owner=owner_name(text, citation),
        described_as=appositive_text(head) if proper else None,
        loose=bare,
        how=citation.how,
        verb=citation.verb,
    )


def speaks_in_call(subject) -> bool:
    """The subject's verb says where the words were said: 'in the conversation', 'during one of
    the calls' (a call 'with' someone is an interview, which the article does cite)."""
    verb = subject.head
    for preposition in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("in", "during")):
        for place in (c for c in preposition.children if c.dep_ == "pobj"):
            if place.lower_ in CALL_NOUNS and not any(c.lower_ == "with" for c in place.children):
                return True
    return False


def is_speaking_document(citation: Citation, lexicon: CitingLexicon) -> bool:
    """'his documents state', 'a leaked order says': a written record the text cites."""
    head = citation.head
    return (
        citation.how == "subject"
        and head.pos_ == "NOUN"
        and head.lower_ in lexicon.document_nouns
        and (citation.verb or "") in lexicon.document_verbs
    )


def document_candidate(text: str, citation: Citation) -> Candidate:
    """A document is named by its whole phrase ('his documents', 'a leaked mobilisation order')."""
    name = text[citation.start : citation.end]
    name = name[4:] if name.lower().startswith("the ") else name
    return Candidate(citation.start, citation.end, name, None, "document", strong=True, present=False)


def appositive_text(head) -> str | None:
    """'Vadim Orlov, a Russian-installed official in the occupied south': the description set
    beside a name, which headlines use alone ('Russian-installed official denies ...')."""
    for appositive in (c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
        tokens = [t for t in appositive.subtree if t.i >= appositive.left_edge.i]
        cut = next((i for i, t in enumerate(tokens) if t.text in ",;()"), len(tokens))
        if cut:
            return head.doc[tokens[0].i : tokens[cut - 1].i + 1].text
    return None


def owner_name(text: str, citation: Citation) -> str | None:
    if citation.owner is None:
        return None
    start, end = proper_name_bounds(citation.owner)
    return text[start:end] if start is not None else None


def with_indefinite_article(phrase: str, name: str) -> str:
    """'a Ukrainian linguist', 'one resident of the town', 'another resident': the word that
    introduces an unnamed source stays in its name (two residents are two sources)."""
    article = phrase.split(None, 1)[0].lower() if phrase.strip() else ""
    if article in INTRODUCING and not name.lower().startswith(article + " "):
        return f"{article} {name}"
    return name


def has_definite_owner(noun) -> bool:
    """'the court's website', 'Ivanov's channel': the page of someone the text can point to."""
    owners = [c for c in noun.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    return any(o.pos_ == "PROPN" or any(d.dep_ == "det" for d in o.children) for o in owners)


def misplaced_speaker(citation: Citation, name_tokens: Span) -> bool:
    """A place, or the object of 'near'/'in', given as a quote's speaker is a parsing slip."""
    head = citation.head
    if head.dep_ == "pobj" and head.head.lower_ not in ("by", "to", "from", "per"):
        return True
    return all(t.ent_type_ in ("GPE", "LOC", "FAC") for t in name_tokens)


def without_title(name: str, titles: frozenset[str]) -> str:
    """'Governor Pavel Grekov' -> 'Pavel Grekov' (the title goes to the aliases)."""
    words = name.split()
    while len(words) > 2 and words[0].lower().rstrip(".") in titles:
        words = words[1:]
    return " ".join(words) if len(words) < len(name.split()) else name


def is_country_or_people(tokens: Span, table: AliasTable) -> bool:
    """A nationality, or a country the table lists (the small model tags many surnames GPE)."""
    if all(t.ent_type_ == "NORP" for t in tokens):
        return True
    return " ".join(t.lower_ for t in tokens if t.lower_ != "the") in table.countries


def is_source_description(head, lexicon: CitingLexicon) -> bool:
    """'local officials', 'a source close to the ministry': a described source. A bare
    'the site' or 'the agency' refers back to a named one and adds no source of its own."""
    words = {head.lower_, head.lemma_.lower()}
    if words & lexicon.recording_nouns or head.lower_ in lexicon.participant_nouns:
        return False
    if not words & lexicon.source_nouns:
        return False
    # 'his press service', 'whose press office' refer back to someone already named: a
    # modifier must describe
    if any(c.dep_ == "poss" and (c.pos_ == "PRON" or c.tag_ == "WP$") for c in head.children):
        return False
    # 'a reader who says she served there', 'analysts who study the releases': a defining
    # clause describes them too ('the channel, which ...' only refers back)
    return restrictive_clause(head) is not None or any(
        (c.dep_ in ("amod", "compound", "nmod", "poss", "prep", "nummod") and c.pos_ != "PRON")
        or (c.dep_ == "relcl" and c.lemma_.lower() in lexicon.report_verbs)
        for c in head.children
    )


def kind_of(text: str, citation: Citation, person: bool) -> SourceKind:
    # the head noun says most ('sources in military intelligence' are sources), then its modifiers
    words = [w.lower() for w in WORD.findall(text[citation.start : citation.end])]
    words.append(citation.head.lower_)
    head = citation.head
    for appositive in (c for c in head.children if c.dep_ == "appos"):
        words.extend(t.lower_ for t in appositive.subtree)
    for word in reversed(words):
        if word in KIND_BY_NOUN:
            kind = KIND_BY_NOUN[word]
            return "official" if person and kind == "government" else kind
    if citation.how == "posted_on":
        return "channel"
    if citation.how == "outlet_named":
        return (
            "channel"
            if "channel" in text[max(0, citation.start - 40) : citation.end + 30].lower()
            else "outlet"
        )
    if person:
        return "person"
    if head.ent_type_ == "ORG":
        return "organisation"
    return "unknown"


def sentence_has(sentence: Span, words: frozenset[str]) -> bool:
    return any(t.lower_ in words for t in sentence)
