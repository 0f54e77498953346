"""Who speaks through a text or a voice chosen as speaker ('A post said', 'his voice says'): its author."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set

SUBJECT_DEPS = ("nsubj", "nsubjpass")
AUTHOR_PREPS = {"by", "from"}
PLACE_PREPS = {"on", "in"}  # "a post on X's channel", "a note in the ministry's feed"
NAMING_LEMMAS = {"call", "name"}  # "a channel called X"
NAME_DEPS = ("oprd", "dobj", "attr", "xcomp", "npadvmod")
AUTHOR_PRONOUNS = {"he", "she", "it", "they", "him", "her", "them"}
AUTHOR_ENTS = ("PERSON", "ORG", "NORP")
LOOKBACK_TOKENS = 120  # tokens searched back for who posted a text: keeps the pass linear
COLON_REACH = 8  # characters between an introducing colon and the quote's first word
NO_OWNER = None
SIGNING = {"sign", "write", "author", "draft"}
INDEFINITE = {"a", "an", "one", "another", "some"}


class SpeakerOwners:
    """Resolves a text noun ('post', 'note', 'reply') or a voice noun to the one who speaks through it.

    ``owner`` returns the token heading the author's mention, or None when the text has no known
    author (then the quote's speaker is unknown: a text is never a speaker).
    """

    def __init__(self, data_dir: str = str(DATA_DIR)) -> None:
        self.text_nouns = load_set("text_nouns.txt", data_dir) | load_set("reply_nouns.txt", data_dir)
        self.voice_nouns = load_set("voice_nouns.txt", data_dir)
        self.publishing = load_set("publishing_verbs.txt", data_dir)
        self.receiving = load_set("receiving_verbs.txt", data_dir)
        self.person_nouns = load_set("person_nouns.txt", data_dir)
        self.organisation_nouns = load_set("organisation_nouns.txt", data_dir)

    def is_text(self, head: Token) -> bool:
        return head.pos_ == "NOUN" and head.lemma_.lower() in self.text_nouns

    def is_voice(self, head: Token) -> bool:
        return head.pos_ == "NOUN" and head.lemma_.lower() in self.voice_nouns

    def owner(self, head: Token, blocked: Callable[[Token], bool]) -> Token | None:
        """The author of the text (or the owner of the voice) headed by ``head``; None if unknown."""
        possessor = self._possessor(head)
        if not self.is_text(head):  # a voice or a recording speaks only for an owner it names
            if possessor is not None and _identifies(possessor):
                return possessor
            return _belonging_to(head)
        if possessor is not None and self.is_author(possessor):  # not "the video's caption"
            return possessor
        for found in (self._compound(head), self._by_or_on(head), self._signed_by(head)):
            if found is not None:
                return found
        verb = _governing_verb(head)
        if verb is not None and verb.lemma_.lower() in self.receiving:
            return NO_OWNER  # "received one reply, which stated …": someone else wrote it
        if verb is not None and verb.lemma_.lower() in self.publishing:
            return self._subject(verb)
        if head.dep_ in SUBJECT_DEPS:
            return self._previous_author(head, blocked)
        return NO_OWNER

    def introduced_by(self, doc: Doc, quote_start: int) -> Token | None:
        """'Channel X posted the clip with this text:' or 'as one commenter put it:' right before a
        quote (the cue lexicon's own verbs are read by the quote finder): the poster or commenter."""
        colon = _colon_before(doc, quote_start)
        sentence = doc_index(doc).sentence_at(colon.idx) if colon is not None else None
        if sentence is None:
            return None
        for verb in reversed([t for t in sentence if t.i < colon.i and t.pos_ == "VERB"]):
            if verb.lemma_.lower() not in self.publishing:
                continue
            author = self._subject(verb) or _as_one_put_it(verb)
            if author is not None and self.is_author(author):
                return author
        return None

    # ------------------------------------------------------------------ helpers
    def _possessor(self, head: Token) -> Token | None:
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None or (owner.pos_ == "PRON" and owner.lower_ not in ("his", "her", "its", "their")):
            return None  # "my post", "our statement": the quoting speaker, left to the quote
        return owner

    def _compound(self, head: Token) -> Token | None:
        """'an SBU statement', 'a Reuters report': a named author before the noun."""
        for child in head.children:
            if child.dep_ == "compound" and child.pos_ == "PROPN" and child.ent_type_ in AUTHOR_ENTS:
                return child
        return None

    def _by_or_on(self, head: Token) -> Token | None:
        """'a post by a channel called X', 'a statement from the ministry', 'a post on X's channel',
        'the message, posted on the channel of the brigade'."""
        posted = [c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in self.publishing]
        preps = [c for owner in [head, *posted] for c in owner.children if c.dep_ == "prep"]
        for prep in preps:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            if prep.lower_ in AUTHOR_PREPS and self.is_author(pobj):
                return _named(pobj) or pobj
            if prep.lower_ in PLACE_PREPS:
                owner = self._possessor(pobj)
                if owner is not None:
                    return owner
                if pobj.lemma_.lower() in self.organisation_nouns:
                    return _named(pobj) or pobj
        return None

    def _signed_by(self, head: Token) -> Token | None:
        """'The statement, signed by the regiment's commander, said …': the agent of its making."""
        for acl in (c for c in head.children if c.dep_ == "acl"):
            if acl.lemma_.lower() in self.publishing or acl.lemma_.lower() in SIGNING:
                agent = next((c for c in acl.children if c.dep_ == "agent"), None)
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
                if pobj is not None and self.is_author(pobj):
                    return _named(pobj) or pobj
        return None

    def _subject(self, verb: Token) -> Token | None:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is None:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
        return subject if subject is not None and self.is_author(subject) else None

    def _previous_author(self, head: Token, blocked: Callable[[Token], bool]) -> Token | None:
        """'The same channel changed its tone. A post … said': the subject of an earlier sentence of
        this paragraph or the one before (never further: a headline's subject is no author)."""
        doc = head.doc
        sentence = doc_index(doc).sentence_at(head.idx)
        start = sentence.start if sentence is not None else head.i
        breaks = 0
        for i in range(start - 1, max(-1, start - 1 - LOOKBACK_TOKENS), -1):
            token = doc[i]
            breaks += "\n" in token.text
            if breaks > 1:
                break
            candidate = token.dep_ in SUBJECT_DEPS or _according_to(token)
            if candidate and not blocked(token) and self.is_author(token):
                return token
        return None

    def is_author(self, token: Token) -> bool:
        if token.pos_ == "PRON":
            return token.lower_ in AUTHOR_PRONOUNS
        lemma = token.lemma_.lower()
        if lemma in self.text_nouns or lemma in self.voice_nouns:
            return False
        return (
            token.ent_type_ in AUTHOR_ENTS
            or token.pos_ == "PROPN"
            or lemma in self.person_nouns
            or lemma in self.organisation_nouns
        )


def _according_to(token: Token) -> bool:
    """'According to the governor, …': a source named outside subject position."""
    return token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"


def _colon_before(doc: Doc, char: int) -> Token | None:
    """The ':' ending the text right before ``char`` (marks and line breaks between), if any."""
    span = doc.char_span(max(0, char - 1), char, alignment_mode="expand")
    i = span.start - 1 if span is not None and len(span) else -1
    while i >= 0 and (doc[i].is_space or doc[i].is_quote) and char - doc[i].idx < COLON_REACH:
        i -= 1
    return doc[i] if i >= 0 and doc[i].text == ":" else None


def _as_one_put_it(verb: Token) -> Token | None:
    """'as one commenter put it': the parser hangs the commenter on 'as'."""
    if verb.lemma_.lower() != "put" or not any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children):
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _belonging_to(head: Token) -> Token | None:
    """'A voice, allegedly belonging to a Russian captain, says': the captain."""
    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() == "belong"):
        to = next((c for c in acl.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        owner = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        if owner is not None:  # "a Russian captain" says more than "a voice", even indefinite
            return owner
    return None


def _identifies(possessor: Token) -> bool:
    """'his voice', 'Petrenko's voice', 'the sergeant's voice' name the owner; 'a woman's voice' is
    no more specific than itself."""
    if possessor.pos_ in ("PRON", "PROPN"):
        return True
    return not any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in possessor.children)


def _named(token: Token) -> Token | None:
    """The name in 'a channel called X' / 'a blogger named X'."""
    for acl in (c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in NAMING_LEMMAS):
        name = next((c for c in acl.children if c.dep_ in NAME_DEPS and c.pos_ == "PROPN"), None)
        if name is not None:
            return name
    return None


def _governing_verb(head: Token) -> Token | None:
    """The verb a text noun is the object of, directly or through 'with' ('posted it with a note')."""
    if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX"):
        return head.head.head
    return None
