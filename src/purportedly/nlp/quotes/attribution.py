"""Attribute a quote to a cue verb and a speaker mention, using the dependency parse around its marks."""

from __future__ import annotations

import copy
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.mentions import mention_bounds
from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set

DASHES = {"\u2014", "\u2013", "-", "--"}
# Passives whose grammatical subject is the one speaking: "she was quoted as saying",
# "a voice can be heard saying".
SPEAKER_PASSIVES = {"quote", "hear", "overhear", "record", "film"}
# Colloquial quotatives, cues only right before a quote: "and go, 'what for?'"
QUOTATIVES = {"go", "be like"}
SUBJECT_INHERITING = {"conj", "xcomp", "advcl", "pcomp", "prep"}
SCARE_QUOTE_MAX_WORDS = 5
AFTER_WINDOW = 16  # tokens after a closing mark searched for the cue verb
APPOSITION_SUBJECT_REACH = 5  # beyond that window, the cue's subject must open the attribution
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
ADJACENT_REACH = 3  # tokens (marks, 'that') a cue may stand before an embedded quote
BACK_POINTERS = {"this", "that", "so", "it"}  # the object of "X said this" after a quote: the quote


@dataclass
class Found:
    """What an attribution step found: the cue and the speaker's noun-phrase bounds."""

    method: str
    cue: str | None = None
    cue_start: int | None = None  # char offsets of the cue
    cue_end: int | None = None
    speaker: tuple[int, int] | None = None  # token bounds of the speaker mention
    speaker_head: int | None = None  # token index of its head


class Attributor:
    """Finds cue verbs and their subjects for quotes, configured by the cue-verb lexicon."""

    def __init__(self, data_dir: str = str(DATA_DIR)) -> None:
        # Which quote owns each token (innermost; LABEL for a turn label) and which owners the
        # current quote may take its speaker from (itself excluded, its enclosing quotes allowed):
        # empty here, set on the per-Doc copy ``for_quotes`` makes
        self.owner: list[int | None] = []
        self.allowed_owners: set[int] = set()
        entries = load_set("cue_verbs.txt", data_dir)
        self.cues = {e for e in entries if " " not in e}
        self.phrasal_cues = {e for e in entries if " " in e}
        # "Transcript: '…'", "Fact check: '…'": a headline's genre word before a colon is no speaker
        self.furniture_labels = load_set("non_speaker_labels.txt", data_dir)
        self.media_nouns = load_set("media_nouns.txt", data_dir)
        self.person_nouns = load_set("person_nouns.txt", data_dir)
        self.titles = load_set("titles.txt", data_dir)
        # "I'm quoting her", "he cited the ministry": the object of these verbs is the one speaking
        self.object_speaker_cues = load_set("object_speaker_cues.txt", data_dir)
        # "her unit had observed …": seeing is not saying when a speaker's verb is further up
        self.perception_cues = load_set("perception_cues.txt", data_dir)
        # "she called the recording '…'": naming something in quotes says those words
        self.naming_cues = load_set("naming_cues.txt", data_dir)
        self.speaking_nouns = (
            load_set("organisation_nouns.txt", data_dir)
            | load_set("text_nouns.txt", data_dir)
            | load_set("reply_nouns.txt", data_dir)
        )

    # ------------------------------------------------------------------ cues and subjects

    def for_quotes(self, owner: list[int | None], allowed_owners: set[int] | None = None) -> Attributor:
        """A copy for one Doc's quotes, knowing who owns each token: the shared component object
        keeps no per-Doc state, so one pipeline can serve several threads."""
        view = copy.copy(self)
        view.owner, view.allowed_owners = owner, allowed_owners or set()
        return view

    def particle(self, token: Token) -> Token | None:
        for child in token.children:
            if child.dep_ == "prt" and f"{token.lemma_.lower()} {child.lower_}" in self.phrasal_cues:
                return child
        return None

    def is_cue(self, token: Token) -> bool:
        if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
            return False
        return token.lemma_.lower() in self.cues or self.particle(token) is not None

    def cue_found(self, method: str, cue: Token, speaker: Token | None) -> Found:
        particle = self.particle(cue)
        end = (
            particle.idx + len(particle)
            if particle is not None and particle.i > cue.i
            else cue.idx + len(cue)
        )
        text = (
            doc_index(cue.doc).text[cue.idx : end]
            if particle is not None and particle.i == cue.i + 1
            else cue.text
        )
        if particle is not None and particle.i != cue.i + 1:
            text, end = f"{cue.text} {particle.text}", cue.idx + len(cue)
        return Found(method, text, cue.idx, end, *self._bounds(speaker))

    @staticmethod
    def _bounds(speaker: Token | None) -> tuple[tuple[int, int] | None, int | None]:
        if speaker is None:
            return None, None
        return mention_bounds(speaker), speaker.i

    def is_blocked(self, token: Token) -> bool:
        """Whether ``token`` is a word of another quote (or a turn label): never a speaker."""
        owner = self.owner[token.i] if token.i < len(self.owner) else None
        return owner is not None and owner not in self.allowed_owners

    def speaker_of(self, verb: Token) -> Token | None:
        """The one speaking through ``verb``: its subject, a passive's agent, or an inherited subject."""
        if self.is_blocked(verb):
            return None
        for _ in range(5):
            # checked at every step up: "Kyiv cited the man as saying …" climbs from "saying"
            # through "as" to "cited", whose object, not its subject, is the one speaking
            if verb.lemma_.lower() in self.object_speaker_cues:
                quoted = next((c for c in verb.children if c.dep_ == "dobj" and not self.is_blocked(c)), None)
                if quoted is not None:
                    return quoted
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
            subject = next(
                (c for c in verb.children if c.dep_ in ("nsubj", "csubj") and not self.is_blocked(c)), None
            )
            if subject is not None:
                if subject.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head  # "the official, who spoke …": the official
                return subject
            passive = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            if passive is not None:
                return passive if verb.lemma_.lower() in SPEAKER_PASSIVES else None
            # the tagger sometimes reads "a Russian corporal" as an adjective: the lexicon knows better
            head_is_noun = verb.head.pos_ in ("NOUN", "PROPN") or verb.head.lower_ in self.person_nouns
            if verb.dep_ == "acl" and verb.tag_ == "VBG" and head_is_noun:
                return verb.head  # "Orlov, a corporal, telling his brother that…"
            if verb.dep_ not in SUBJECT_INHERITING or verb.head.i == verb.i or self.is_blocked(verb.head):
                return None
            verb = verb.head
        return None

    # ------------------------------------------------------------------ the steps
    def after(self, doc: Doc, close_at: int, limit: int) -> Found | None:
        """Attribution right after the closing mark: '..., the soldier said', '… — a commander'."""
        window = tokens_between(doc, close_at + 1, limit)
        window = self._first_sentence(window)
        if not window:
            return None
        first = window[0]
        if first.text in DASHES:
            # '"…" — a commander' credits a description; '— …, — she told us.' (dash dialogue) and
            # '"…" — said the officer' carry a cue verb, read like any attribution after a quote
            if not self._cue_in(window[1:4]):
                return self._dash(doc, window[1:])
            window = window[1:]
            first = window[0]
        described = self._colon_description(doc, window) if first.text == ":" else None
        if described is not None:  # '"…": a hotline volunteer on …', a headline's speaker
            return described
        if first.is_sent_start and first.is_title and first.pos_ != "PRON" and not self._cue_in(window[:3]):
            return self._said_this(window)  # a new sentence: an attribution only if it points back
        according = self._according_to(window[:3])
        if according is not None:
            return according
        for token in window[:AFTER_WINDOW]:
            # "…," the official, who spoke on condition of anonymity, said: not the relative clause's verb
            if self.is_cue(token) and not _in_relative_clause(token):
                speaker = self.speaker_of(token)
                if speaker is None or speaker.idx < close_at:  # the parser took a word of the quote
                    speaker = _first_nominal(window, after=token.i) or _first_nominal(window, after=-1)
                    # "said the soldier", not "… and then talks on the phone"
                    speaker = speaker if speaker is not None and self._may_speak(speaker) else None
                return self.cue_found("after", token, speaker)
        return self._after_long_apposition(window, close_at)

    def _first_sentence(self, window: list[Token]) -> list[Token]:
        """The window's first sentence, run on past a title the splitter took for an end ('Sgt.')."""
        if not window:
            return window
        sentence = _sentence(window[0])
        last = window[-1].i
        for _ in range(3):
            if sentence.end > last or not self._ends_with_title(sentence):
                break
            sentence = _sentence(sentence.doc[sentence.end])
        return [t for t in window if t.i < sentence.end]

    def _ends_with_title(self, sentence) -> bool:
        words = [t for t in sentence if not t.is_space]
        if len(words) > 1 and words[-1].text == ".":  # "Sgt" "." as two tokens
            words.pop()
        return bool(words) and words[-1].lower_.rstrip(".") in self.titles

    def _after_long_apposition(self, window: list[Token], close_at: int) -> Found | None:
        """'"…," Father X, the priest, who has served … for years, said.': the subject opening the window."""
        root = _sentence(window[0]).root
        if len(window) <= AFTER_WINDOW or not self.is_cue(root) or root.i <= window[0].i:
            return None
        speaker = self.speaker_of(root)
        opening = window[min(APPOSITION_SUBJECT_REACH, len(window) - 1)].i
        if speaker is None or speaker.idx < close_at or speaker.i > opening:
            return None
        return self.cue_found("after", root, speaker)

    def before(self, doc: Doc, open_at: int, start_limit: int) -> Found | None:
        """Attribution ending at the opening mark: 'The brother replies: "…"', 'he said, "…"'."""
        window = tokens_between(doc, start_limit, open_at)
        if not window:
            return None
        sentence_start = _sentence(window[-1]).start
        window = [t for t in window if t.i >= sentence_start] or window[-1:]
        last = window[-1]
        according = self._according_to(window)
        words_of = _in_the_words_of(window[-8:])  # "…, in the agency's words, '…'": nearer than any cue
        if words_of is not None:
            return words_of
        if last.text not in (":", ",") and not self.is_cue(last):
            return according if according is not None and last.text == "," else None
        for token in reversed(window):
            if self.is_cue(token) or (token.lemma_.lower() in QUOTATIVES and token.i >= last.i - 2):
                return self.cue_found("before", token, self.speaker_of(token))
        if according is not None:
            return according
        if last.text == ":":
            return self._colon_without_cue(window[:-1])
        return None

    def embedded(self, doc: Doc, quote_tokens: list[Token]) -> Found | None:
        """A quote inside a clause ("admitted that they "shoot" conscripts"): the governing speaker."""
        adjacent = self._adjacent_cue(doc, quote_tokens[0])
        if adjacent is not None:
            return adjacent
        inside = {t.i for t in quote_tokens}
        attachments = [t.head for t in quote_tokens if t.head.i not in inside]
        perceived: Found | None = None
        linked = False  # a cue verb governs the quote, though the parse may not give its subject
        chain = _ancestors(attachments[0]) if attachments else []
        for step, ancestor in enumerate(chain):
            if self.is_blocked(ancestor):
                break
            # a naming verb names the quote itself ("called the recording '…'", "put the toll at '…'"),
            # not a quote further down its clause ("releases '…' …; Kyiv calls it a fake")
            names_it = self._is_naming(ancestor) and (step == 0 or (step == 1 and chain[0].pos_ == "ADP"))
            if self.is_cue(ancestor) or names_it:
                linked = True
                speaker = self.speaker_of(ancestor)
                if speaker is not None and ancestor.lemma_.lower() in self.perception_cues:
                    # "she said her unit had observed '…'": the words are hers if anyone's above says so
                    perceived = perceived or self.cue_found("embedded", ancestor, speaker)
                    continue
                if speaker is not None:
                    return self.cue_found("embedded", ancestor, speaker)
            agent = next((c for c in ancestor.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return self.cue_found("agent", ancestor, pobj)
        return perceived or self._scare(quote_tokens, inside, linked)

    def _scare(self, quote_tokens: list[Token], inside: set[int], linked: bool) -> Found | None:
        """A short quote in a sentence whose main verb is a cue ('tells a woman … "a jacket"'): its
        subject. A scare quote no cue verb governs is the writer's own marking: no speaker."""
        words = [t for t in quote_tokens if not t.is_punct]
        if not words or len(words) > SCARE_QUOTE_MAX_WORDS:
            return None
        root = _sentence(quote_tokens[0]).root
        if root.i in inside or not (linked or self.is_cue(root) or self._is_naming(root)):
            return None
        speaker = self.speaker_of(root)
        return Found("scare", None, None, None, *self._bounds(speaker)) if speaker is not None else None

    def _is_naming(self, token: Token) -> bool:
        return token.pos_ == "VERB" and token.lemma_.lower() in self.naming_cues

    def _adjacent_cue(self, doc: Doc, first_word: Token) -> Found | None:
        """'a man is heard pleading that "…"': a cue right before the quote, whatever the parse says."""
        i = first_word.i - 1
        while i >= 0 and first_word.i - i <= ADJACENT_REACH and _joins_quote(doc[i]):
            i -= 1
        if i < 0 or first_word.i - i > ADJACENT_REACH:
            return None
        cue = doc[i]
        if not self.is_cue(cue) or cue.lemma_.lower() in self.perception_cues:
            return None
        speaker = self.speaker_of(cue)
        return self.cue_found("embedded", cue, speaker) if speaker is not None else None

    # ------------------------------------------------------------------ helpers
    def _cue_in(self, tokens: list[Token]) -> bool:
        return any(self.is_cue(t) for t in tokens)

    def _dash(self, doc: Doc, window: list[Token]) -> Found | None:
        for token in window:
            if token.pos_ in ("NOUN", "PROPN", "PRON"):
                head = token
                while (
                    head.head.i != head.i
                    and head.head in window
                    and head.dep_ in ("compound", "amod", "poss")
                ):
                    head = head.head
                dash = window[0].nbor(-1) if window[0].i > 0 else window[0]
                bounds = mention_bounds(head)
                if any(t.lemma_.lower() in self.media_nouns for t in doc[bounds[0] : bounds[1]]):
                    return Found("dash", dash.text, dash.idx, dash.idx + len(dash))  # "- a sapper's letter"
                return Found("dash", dash.text, dash.idx, dash.idx + len(dash), bounds, head.i)
        return None

    def _colon_description(self, doc: Doc, window: list[Token]) -> Found | None:
        described = self._dash(doc, window[1:])
        if (
            described is None
            or described.speaker_head is None
            or not self._is_person(doc[described.speaker_head])
        ):
            return None
        colon = window[0]
        return Found("dash", ":", colon.idx, colon.idx + 1, described.speaker, described.speaker_head)

    def _said_this(self, window: list[Token]) -> Found | None:
        """'"…" Vasyl Hrytsenko, the mayor, said this after the funeral.': a sentence pointing back."""
        root = _sentence(window[0]).root
        if not self.is_cue(root) or root.i not in {t.i for t in window}:
            return None
        said = [c for c in root.children if c.dep_ in ("dobj", "ccomp", "xcomp")]
        if not said or any(c.lower_ not in BACK_POINTERS for c in said):
            return None
        speaker = self.speaker_of(root)
        return self.cue_found("after", root, speaker) if speaker is not None else None

    def _is_person(self, token: Token) -> bool:
        return token.ent_type_ in ("PERSON", "ORG", "NORP") or token.lemma_.lower() in self.person_nouns

    def _may_speak(self, token: Token) -> bool:
        """A name, a pronoun, a person or organisation noun (or a text, whose author speaks)."""
        if token.pos_ in ("PROPN", "PRON"):
            return True
        lemma = token.lemma_.lower()
        return (
            lemma in self.person_nouns or lemma in self.speaking_nouns or token.ent_type_ in ("ORG", "NORP")
        )

    def _according_to(self, window: list[Token]) -> Found | None:
        words_of = _in_the_words_of(window)
        if words_of is not None:
            return words_of
        for token in window:
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
                pobj = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    to = token.nbor()
                    return Found(
                        "according", "according to", token.idx, to.idx + len(to), *self._bounds(pobj)
                    )
        return None

    def _colon_without_cue(self, window: list[Token]) -> Found | None:
        """'Russian conscript's wife: "…"' (a label) or 'The answer is blunt: "…"' (a reply)."""
        words = [t for t in window if not t.is_punct and not t.is_space]
        if not words or " ".join(t.lower_ for t in words) in self.furniture_labels:
            return None
        has_clause = any(t.dep_ in ("nsubj", "nsubjpass") and t.head in words for t in words)
        if not has_clause and len(words) <= 8 and words[-1].pos_ in ("NOUN", "PROPN"):
            nouns = [t for t in words if t.pos_ in ("NOUN", "PROPN")]
            if nouns[-1].lemma_.lower() in self.media_nouns:  # "SBU video:": what was released, not who
                return None
            if nouns:
                return Found("label", None, None, None, (words[0].i, words[-1].i + 1), nouns[-1].i)
            return None
        verb = next((t for t in words if t.pos_ in ("VERB", "AUX")), None)
        subject = self.speaker_of(verb) if verb is not None else None  # no verb: text the tagger misreads
        if subject is None:
            return None
        return Found("colon", None, None, None, *self._bounds(subject))


def _joins_quote(token: Token) -> bool:
    """Marks, spaces and a 'that' between a cue and the quote it introduces."""
    return token.is_punct or token.is_space or token.lower_ == "that"


def _in_the_words_of(window: list[Token]) -> Found | None:
    """'in the agency's words, "…"' / 'in the words of her lawyer': the owner of the words speaks."""
    for token in window:
        if token.lower_ != "words":
            continue
        opener = next((t for t in window if t.lower_ == "in" and t.i < token.i and token.i - t.i <= 6), None)
        if opener is None:
            continue
        owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
        if owner is None:
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if owner is not None:
            phrase = token.doc[opener.i : token.i + 1]
            start, end = mention_bounds(owner)
            if end - start > 1 and token.doc[end - 1].dep_ == "case":  # the agency's: not the "'s"
                end -= 1
            return Found("according", phrase.text, phrase.start_char, phrase.end_char, (start, end), owner.i)
    return None


def _sentence(token: Token):
    """The sentence of ``token`` from the per-Doc index (``Token.sent`` rescans the Doc each call)."""
    sentence = doc_index(token.doc).sentence_at(token.idx)
    return sentence if sentence is not None else token.doc[token.i : token.i + 1]


def tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens wholly inside [start, end), spaces left out."""
    span = doc.char_span(start, end, alignment_mode="contract") if end > start else None
    return [t for t in span if not t.is_space] if span is not None else []




def _in_relative_clause(token: Token) -> bool:
    return token.dep_ in ("relcl", "acl") or any(a.dep_ == "relcl" for a in list(token.ancestors)[:3])


def _first_nominal(window: list[Token], after: int) -> Token | None:
    return next((t for t in window if t.i > after and t.pos_ in ("NOUN", "PROPN", "PRON")), None)


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while token.head.i != token.i and len(chain) < 12:
        token = token.head
        chain.append(token)
    return chain
