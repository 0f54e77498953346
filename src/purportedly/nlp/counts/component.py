"""Component: counted events ('at least 15 conscripts wounded') with number, qualifier, what, event."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.attrs import LIKE_NUM, LOWER
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from purportedly.lexicons import load_data
from purportedly.model import Count
from purportedly.nlp.counts.answers import asked_question, is_fragment_answer, sentence_or_none
from purportedly.nlp.counts.kinds import NOUN_KEYS, CountKinds, lemma, noun_phrase
from purportedly.nlp.counts.numbers import NumberReader, NumberSpan, glued_by_hyphen, is_ordinal, is_year
from purportedly.nlp.extensions import doc_text, get_list, register_extensions
from purportedly.nlp.times.rules import find_candidates

register_extensions()

EVENT_DEPS = ("relcl", "acl")
CLAUSE_POS = ("VERB", "AUX")
MAX_CLIMB = 5
ACTION_SUFFIXES = ("tion", "sion", "ment", "ure", "ing", "ance", "ence", "al")
HYPHEN_PARTICLES = frozenset({"up", "out", "off", "down", "back", "over"})
FRAGMENT_LOOKBACK = 2  # sentences back to the verb a verbless count answers
ADVERBIAL_DEPS = ("npadvmod", "advmod", "advcl")  # 'search it three ways': how, not who or what
PARTICLE_ADVERBS = {"down", "back", "out", "up", "away", "off", "over", "in"}
NUMBER_AS_NOUN_DEPS = ("nsubj", "nsubjpass", "dobj")
NEXT_VERB_WINDOW = 4
TRANSPARENT = {"include", "among", "like"}
DEFINITE = ("the", "these", "those")
LIGHT_VERBS = ("be", "have")
CLOCK_AFTER = re.compile(
    r"^\s*(?::\d\d|[ap]\.?m\b|o['’]clock|in the (?:morning|evening|afternoon))", re.IGNORECASE
)
PLACE_TYPES = ("GPE", "LOC", "FAC")
LOCATIVE = re.compile(
    r"\b(?:in|near|at|outside|around|inside)\s+(?:the\s+)?(?:(?:village|town|city|region)\s+of\s+)?$"
)
MONTH = re.compile(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$")


@dataclass
class CountMatch:
    """A number with what it counts and the event, before it becomes a model.Count."""

    number: NumberSpan
    qualifier: str | None
    qualifier_start: int | None
    noun: Token | None
    event: str | None
    canonical_event: str | None
    repeats: list[CountMatch] = field(default_factory=list)  # the same event told again later


class CountFinder:
    """Find numbers that count people or things in an event; skip ages, durations, years, units."""

    def __init__(
        self, nlp: Language, name: str, events_file: str, nouns_file: str, number_words_file: str
    ) -> None:
        self.name = name
        self.numbers = NumberReader(number_words_file)
        events = load_data(events_file)
        self.qualifiers = sorted(events["_qualifiers"], key=len, reverse=True)
        self.not_counted = set(events["_not_counted"])
        self.not_events = set(events.get("_not_events", []))
        self.single_events = set(events.get("_single_events", []))
        self.raising_verbs = set(events.get("_raising_verbs", []))
        self.canonical_events = {key for key in events if not key.startswith("_")}
        self.event_of: dict[str, str] = {}
        for canonical, words in events.items():
            if not canonical.startswith("_"):
                for word in words:
                    self.event_of.setdefault(word.lower(), canonical)
        nouns = load_data(nouns_file, keys=NOUN_KEYS)
        self.not_count_nouns = {w for key in ("durations", "measures", "fractions") for w in nouns[key]}
        self.kinds = CountKinds.load(nouns_file)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    # ------------------------------------------------------------------ match
    def match(self, doc: Doc) -> list[CountMatch]:
        found: list[CountMatch] = []
        consumed = 0
        captions = [(s.start, s.end) for s in get_list(doc, "segments") if s.kind == "caption"]
        for i in self._number_like(doc):
            token = doc[i]
            if token.i < consumed:
                continue
            number = self.numbers.read(doc, token.i)
            if number is None:
                continue
            consumed = number.end
            in_caption = any(start <= token.idx < end for start, end in captions)
            candidate = self._candidate(doc, number, found, in_caption)
            if candidate is not None:
                found.append(candidate)
        return self._deduplicate(found)

    def _number_like(self, doc: Doc) -> list[int]:
        """Indices of the tokens like a number or a collective ('dozen'), read off token columns
        (one C call) rather than a Token object per token: most tokens are not numbers."""
        if not len(doc):
            return []
        collectives = {get_string_id(word) for word in self.numbers.collectives}
        columns = doc.to_array([LIKE_NUM, LOWER]).tolist()
        return [i for i, (like_num, lower) in enumerate(columns) if like_num or lower in collectives]

    def _candidate(
        self, doc: Doc, number: NumberSpan, earlier: list[CountMatch], in_caption: bool
    ) -> CountMatch | None:
        token = doc[number.end - 1]
        if (
            number.value < 1
            or (
                number.value == 1
                and not self.kinds.may_count_one(token)
                and not self._single_casualty(token)
            )
            or is_ordinal(token)
            or glued_by_hyphen(doc, number)
            or self._is_year(doc, number)
        ):
            return None
        headline = self._headline_event(doc, number)
        if headline is not None:
            qualifier, qualifier_start = self._qualifier(doc, number)
            return CountMatch(number, qualifier, qualifier_start, None, *headline)
        if (
            (self._is_age_or_clock(doc, number) and self.kinds.toll(token) is None)  # not "put ... at 30"
            or self._is_distributive(doc, number)
            or self._is_date(doc, number)
            or self._is_money_or_identifier(doc, number)
            or is_percentage(doc, number)
        ):
            return None
        qualifier, qualifier_start = self._qualifier(doc, number)
        noun = self._counted_noun(token)
        if noun is not None and (
            noun.lemma_.lower() in self.not_count_nouns or noun.lower_ in self.not_count_nouns
        ):
            frequency = self._frequency(noun)  # 'shelled 14 times' counts the shelling
            if frequency is None:
                return None
            return CountMatch(number, qualifier, qualifier_start, noun, *frequency)
        if noun is not None and (noun.i < number.start or self._not_a_count(noun)):
            return None  # 'brigade 5', 'page 12': a number after its noun names, it does not count
        special = self._share(token, earlier) if noun is None else None
        if special is None:
            special = self._special(token, noun)
        if special is not None:
            counted, *event = special
            if counted is None:
                counted = self._antecedent(number, earlier) or elided_noun(doc, number)
            return CountMatch(number, qualifier, qualifier_start, counted, *event)
        event_token, canonical = self._event(token, noun)
        # a photo caption describes a picture ('two soldiers patrol'), not a counted event
        if canonical is None and not in_caption and self._quantifies(doc, token, noun):
            event_token, canonical = self._general_event(token, noun)
            if canonical is not None and noun is not None and self._definite(doc, number, noun):
                return None  # 'the four soldiers walk on': people already counted, doing something else
        if canonical is None and self.kinds.is_event_noun(noun):
            event_token, canonical = self._event_noun_event(noun)
        if canonical is None and noun is None:
            start_char = qualifier_start if qualifier_start is not None else doc[number.start].idx
            noun, event_token, canonical = self._answer(doc, token, start_char)
        if canonical is None and noun is not None and lemma(noun) in self.kinds.people:
            event_token, canonical = self._fragment_event(token)
        if canonical is None:
            return None  # a number with no reported event is a measurement, not a count
        if number.value == 1 and canonical not in self.single_events:
            return None  # 'one' counts only a casualty, capture or desertion: 'One volunteer wounded'
        if noun is None:
            noun = self._antecedent(number, earlier) or conjoined_count(token)
        return CountMatch(number, qualifier, qualifier_start, noun, event_token, canonical)

    def _single_casualty(self, number: Token) -> bool:
        """'killing one and wounding the second', 'one of his companions was killed': a bare 'one'
        is a casualty when it is the object, or the 'one of ...' subject, of a casualty verb."""
        verb = number.head
        if number.lower_ != "one" or verb.pos_ != "VERB" or self._casualty_word(verb) is None:
            return False
        if number.dep_ == "dobj":
            return not any(c.dep_ == "det" for c in number.children)
        partitive = any(c.dep_ == "prep" and c.lower_ == "of" for c in number.children)
        return number.dep_ in ("nsubj", "nsubjpass") and partitive

    def _headline_event(self, doc: Doc, number: NumberSpan) -> tuple[str, str] | None:
        """'Strike in Sumy Kills 34', '50 Die as Missiles Hit', '47 Killed in Strike': in a headline
        set in Title Case the tagger reads every capitalised word as a name, so a casualty word
        right before or after the number is read from the words themselves."""
        if not is_title_case(line_of(doc[number.start])):
            return None
        after = doc[number.end] if number.end < len(doc) else None
        i = number.start - 1
        while i >= 0 and doc[i].lower_ in QUALIFIER_WORDS:
            i -= 1
        before = doc[i] if i >= 0 else None
        for word in (after, before):
            canonical = self._casualty_word(word) if word is not None else None
            if canonical is not None:
                return word.text, canonical
        return None

    def _casualty_word(self, word: Token) -> str | None:
        """The casualty event a word names, inflected or not ('Kills', 'Dead', 'Injured')."""
        lower = word.lower_
        for form in (lower, lower.removesuffix("s"), lower.removesuffix("es"), lower.removesuffix("ed")):
            canonical = self.event_of.get(form)
            if canonical in HEADLINE_EVENTS:
                return canonical
        return None

    def _not_a_count(self, noun: Token) -> bool:
        return (
            self.kinds.is_audience(noun) or self.kinds.is_distance(noun) or self.kinds.is_measure_phrase(noun)
        )

    @staticmethod
    def _definite(doc: Doc, number: NumberSpan, noun: Token) -> bool:
        """'The four soldiers walk on': a definite subject is the story's topic, people already met, not a new
        count; 'the five lads who refused' introduces them, and an object ('chased the five boys off')
        reports what was done to them."""
        introduced = any(c.dep_ in EVENT_DEPS for c in noun.children)
        subject = noun.dep_ in ("nsubj", "nsubjpass")
        return subject and number.start > 0 and doc[number.start - 1].lower_ in DEFINITE and not introduced

    def _frequency(self, noun: Token) -> tuple[str, str] | None:
        """'was shelled at least 14 times': (event, canonical) of the verb whose occurrences are counted."""
        verb = self.kinds.frequency_verb(noun)
        if verb is None:
            return None
        found = self._lexicon_event(verb) or self._verb_phrase(verb, noun, None)
        return found if found[1] is not None else None

    def _share(self, number: Token, earlier: list[CountMatch]) -> tuple[Token, str, str] | None:
        """'Four of them are children', 'two of the dead were soldiers': a share of a casualty
        figure, counted as who they are (children) and what befell the whole (killed). 'Them' is
        the casualty figure just before it."""
        verb = number.head
        if number.dep_ != "nsubj" or verb.lemma_ != "be":
            return None
        who = [c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        partitives = [c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"]
        groups = [g for c in partitives for g in c.children if g.dep_ == "pobj"]
        if not who or not groups:
            return None
        group = groups[0]
        for word in [*(c for c in group.children if c.dep_ in ("acl", "amod")), group]:
            canonical = self._casualty_word(word)
            if canonical is not None:
                return who[0], word.text, canonical  # 'of the dead', 'of those killed'
        if group.lower_ not in ("them", "those"):
            return None
        antecedent = next((m for m in reversed(earlier) if m.canonical_event in HEADLINE_EVENTS), None)
        if antecedent is None or number.i - antecedent.number.end > SHARE_REACH:
            return None
        return who[0], antecedent.event or antecedent.canonical_event, antecedent.canonical_event

    def _special(self, number: Token, noun: Token | None) -> tuple[Token | None, str, str] | None:
        """(what, event, canonical) of populations, people present at a place and tallies."""
        if self.kinds.population(number, noun):
            return (noun if noun is not None else number.head.head), "population", "population"
        group = self.kinds.existential(number, noun)
        if group is not None:
            return noun, group, self.event_of.get(group.lower(), group.lower())
        place = self.kinds.presence(noun)
        if place is not None:
            return noun, place, place
        toll = self.kinds.toll(number)
        if toll is not None:
            counted, event = toll
            return counted, event, self.event_of.get(event.lower(), event.lower())
        return None

    def _event_noun_event(self, noun: Token) -> tuple[str | None, str | None]:
        """'claimed more than 80 artillery strikes', 'gave the outpost five grenades': the governing verb,
        even a reporting or light one, tells what happened to events the noun already names; with no
        verb, the noun does."""
        if self.kinds.is_casualty_noun(noun):
            # 'confirm at least 21 fatalities and 34 injuries': the noun is what befell them,
            # whatever verb reports it
            return noun_phrase(noun), self.event_of.get(noun.lemma_.lower(), noun.lemma_.lower())
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.head.i == noun.i or verb.pos_ not in CLAUSE_POS:
            return noun_phrase(noun), noun.lemma_.lower()
        if any(c.tag_ == "MD" for c in verb.children):
            return None, None
        if verb.lemma_.lower() in LIGHT_VERBS:
            return noun_phrase(noun), noun.lemma_.lower()
        words = sorted([verb, *(c for c in verb.children if is_particle(c))], key=lambda t: t.i)
        surface = " ".join(w.text for w in words)
        return surface, self.event_of.get(verb.lemma_.lower(), verb.lemma_.lower())

    @staticmethod
    def _is_year(doc: Doc, number: NumberSpan) -> bool:
        token = doc[number.start]
        following = doc[number.end] if number.end < len(doc) else None
        return is_year(token) and not (following is not None and following.tag_ == "NNS")

    @staticmethod
    def _is_age_or_clock(doc: Doc, number: NumberSpan) -> bool:
        before = doc[number.start - 1] if number.start > 0 else None
        after = doc[number.end] if number.end < len(doc) else None
        # 'Marina, 34,' - an age in apposition
        if before is not None and before.text == "," and after is not None and after.text in (",", ".", ")"):
            return before.i > 0 and doc[before.i - 1].pos_ == "PROPN"
        if CLOCK_AFTER.match(doc_text(doc)[doc[number.end - 1].idx + len(doc[number.end - 1]) :][:20]):
            return True
        # 'at six' with no counted noun
        return before is not None and before.lower_ == "at" and (after is None or after.pos_ != "NOUN")

    @staticmethod
    def _is_date(doc: Doc, number: NumberSpan) -> bool:
        """'March 16', '28 May', 'Feb. 27' are dates, not counts."""
        near = [
            doc[number.start - 1].text if number.start > 0 else "",
            doc[number.end].text if number.end < len(doc) else "",
        ]
        return any(MONTH.match(word) for word in near)

    @staticmethod
    def _is_money_or_identifier(doc: Doc, number: NumberSpan) -> bool:
        """'$100', '€5' are money; 'Unit 29155', 'Hill 113', 'Route 66' name things."""
        before = doc[number.start - 1] if number.start > 0 else None
        if before is None:
            return False
        if before.tag_ == "$":
            return True
        return before.pos_ == "PROPN" and not before.is_sent_start and doc[number.start].head.i == before.i

    @staticmethod
    def _is_distributive(doc: Doc, number: NumberSpan) -> bool:
        """'one rifle for every two men' counts no event."""
        return number.start > 0 and doc[number.start - 1].lower_ in ("every", "each", "per")

    @staticmethod
    def _counted_noun(token: Token) -> Token | None:
        """'15 conscripts' -> conscripts; 'three of the five conscripts' -> conscripts; 'Seven' -> None."""
        if token.dep_ in ("nummod", "quantmod", "compound") and token.head.pos_ in ("NOUN", "PROPN"):
            return token.head
        if token.dep_ in ("npadvmod", "quantmod", "amod"):  # 'a dozen more intercepted calls'
            node = token.head
            for _ in range(2):
                if node.pos_ == "NOUN" and node.i > token.i:
                    return node
                node = node.head
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objects = [c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")]
                if objects:
                    return objects[0]
        return None

    def _event(self, number: Token, noun: Token | None) -> tuple[str | None, str | None]:
        """The first event word on the way up from the counted noun, within its clause."""
        # '15 conscripts who were wounded': the noun carries the event; 'six of the 40 men': the number does
        anchor = noun if noun is not None and number.head.i == noun.i else number
        candidates = [c for c in anchor.children if c.dep_ in EVENT_DEPS]
        if noun is None and number.dep_ == "nummod" and number.head.i == number.i + 1:
            # 'left 20 dead and 15 wounded': the word the number modifies is its event, before
            # the clause's verb (whose conjunct would make the dead wounded)
            candidates.insert(0, number.head)
        if noun is None:
            # 'says 60 dead, 145 injured', '56 more injured': the adjective right after a bare
            # number is its event (before the clause's verb, whose complement is another figure's)
            near = [c for c in number.children if c.dep_ == "amod" and 0 < c.i - number.i <= 2]
            if 0 < number.head.i - number.i <= 2 and self._casualty_word(number.head):
                near.append(number.head)  # the parser may hang the number on 'injured' instead
            candidates[:0] = near
        candidates += verb_right_before(number)
        head = number.head
        if number.dep_ == "pobj" and head.lower_ == "of":  # 'one of 37 it had intercepted'
            candidates += [c for c in head.head.children if c.dep_ in EVENT_DEPS]
        node = anchor
        for _ in range(MAX_CLIMB):
            if node.head.i == node.i:
                break
            previous, node = node, node.head
            if node.lemma_ in TRANSPARENT:
                continue  # 'killed 25 civilians, including three children': the children were killed
            # a noun heads the event only through a preposition: 'a call between two soldiers'
            if node.pos_ in CLAUSE_POS or (previous.dep_ == "prep" and node.pos_ == "NOUN"):
                candidates.append(node)
            if node.pos_ in CLAUSE_POS:
                candidates += self._raised(node)
                if node.lemma_ == "be" and previous.dep_.startswith("nsubj"):
                    # '40 people are dead', 'three were missing': the copula's complement is the event
                    candidates += [c for c in node.children if c.dep_ in ("acomp", "attr", "oprd")]
                break
        for candidate in candidates:
            found = self._lexicon_event(candidate)
            if found is not None:
                return found
        return self._next_verb_event(number, noun)

    @staticmethod
    def _quantifies(doc: Doc, number: Token, noun: Token | None) -> bool:
        """The number counts a noun phrase ('five lads'), or stands for one as subject/object ('the five')."""
        if noun is not None:
            return noun.pos_ == "NOUN"
        before = doc[number.i - 1] if number.i > 0 else None
        after_noun = before is not None and before.pos_ in ("NOUN", "PROPN")  # 'room 12 was hit' names
        if number.dep_ not in NUMBER_AS_NOUN_DEPS or after_noun:
            return False
        if conjoined_count(number) is not None:
            return True  # 'killed 20,000 people and displaced 14 million': the same people, elided
        # a bare object number is a score, an age or a phone number ('she turned 34'); 'the five' is a group
        return number.dep_ != "dobj" or any(c.dep_ == "det" for c in number.children)

    def _general_event(self, number: Token, noun: Token | None) -> tuple[str | None, str | None]:
        """Any governing verb phrase is the event: 'landed', 'drove off', 'paid for'."""
        node = noun if noun is not None and number.head.i == noun.i else number
        # '23 shells, which hit the church': the noun's own clause tells the event
        for clause in (c for c in node.children if c.dep_ in EVENT_DEPS and c.pos_ == "VERB"):
            return self._verb_phrase(clause, node, None)
        preposition = None
        for _ in range(MAX_CLIMB):
            if node.head.i == node.i:
                return None, None
            previous, node = node, node.head
            # 'seized 12 rifles and three mortars': a conjoined or apposed noun shares the verb
            if node.lemma_ in TRANSPARENT or (node.pos_ == "NOUN" and shares_verb(previous)):
                continue
            if node.dep_ == "prep" and previous.dep_ == "pobj":
                preposition = node
                continue
            if node.pos_ == "VERB" and previous.dep_ not in ADVERBIAL_DEPS:
                return self._verb_phrase(node, previous, preposition)
            if (
                node.pos_ == "NOUN"
                and preposition is not None
                and preposition.lower_ == "of"
                and is_action_noun(node)
            ):
                # 'a partial call-up of 300,000 reservists', 'the evacuation of 200 residents'
                return noun_phrase(node), node.lemma_.lower()
            if node.pos_ in CLAUSE_POS or node.pos_ in ("NOUN", "PROPN"):
                return None, None  # a copula, or a noun's modifier: 'the fate of two men' is no event
        return None, None

    def _raised(self, verb: Token) -> list[Token]:
        """'a further five are said to have deserted', 'two were reported missing': the hearsay verb passes
        its subject on to the verb after it."""
        if verb.lemma_.lower() not in self.raising_verbs:
            return []
        return [c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in CLAUSE_POS]

    def _verb_phrase(
        self, verb: Token, child: Token, preposition: Token | None
    ) -> tuple[str | None, str | None]:
        """Surface 'drove off' and canonical event: the lexicon's name for it, else its lemmas 'drive off'."""
        raised = self._raised(verb)
        if raised:
            verb, preposition = raised[0], None
        lemma = verb.lemma_.lower()
        if lemma in self.not_events or any(c.tag_ == "MD" for c in verb.children):
            return None, None  # 'two officials said', 'one man can turn into three': no event happened
        if verb.tag_ == "VBG" and not any(c.dep_ == "aux" for c in verb.children):
            return None, None  # 'four men walking along a road': a scene described, not an event reported
        words = [verb, *(c for c in verb.children if is_particle(c))]
        # 'paid for two drones': the preposition is part of the event only right after the verb
        if preposition is not None and child.i == preposition.i and preposition.i - verb.i in (1, 2):
            words.append(preposition)
        words.sort(key=lambda t: t.i)
        phrase = " ".join(w.lemma_.lower() if w.i == verb.i else w.lower_ for w in words)
        canonical = self.event_of.get(phrase, self.event_of.get(lemma, phrase))
        surface = self._with_conjunct(verb, " ".join(w.text for w in words))
        return surface, canonical

    def _answer(
        self, doc: Doc, number: Token, start_char: int
    ) -> tuple[Token | None, str | None, str | None]:
        """'How many calls did you check?' 'About 150.': the question gives what and event."""
        sentence = sentence_or_none(number)
        if sentence is None or not is_fragment_answer(doc, sentence, start_char):
            return None, None, None
        noun, verb = asked_question(sentence)
        if verb is None:
            return None, None, None
        event, canonical = self._lexicon_event(verb) or self._verb_phrase(verb, verb, None)
        if canonical is None and self.kinds.is_event_noun(noun):
            event, canonical = self._event_noun_event(noun)  # 'How many calls did you take?'
        return noun, event, canonical

    def _fragment_event(self, number: Token) -> tuple[str | None, str | None]:
        """'We are being sent into combat. Twenty people.': a verbless line that counts people
        (a call's or interview's answer) counts them for what the line before says happened."""
        sentence = sentence_or_none(number)
        if sentence is None or any(t.pos_ in CLAUSE_POS for t in sentence):
            return None, None
        doc = number.doc
        for _ in range(FRAGMENT_LOOKBACK):
            if sentence.start == 0:
                break
            sentence = doc[sentence.start - 1].sent
            root = sentence.root
            if root.pos_ == "VERB":
                return self._verb_phrase(root, root, None)
        return None, None

    @staticmethod
    def _antecedent(number: NumberSpan, earlier: list[CountMatch]) -> Token | None:
        """'Five soldiers walked away ... the five were caught': the five are the soldiers."""
        for match in reversed(earlier):
            if match.number.value == number.value and match.noun is not None:
                return match.noun
        return None

    def _next_verb_event(self, number: Token, noun: Token | None) -> tuple[str | None, str | None]:
        """Parser slip fallback: '70 of his comrades died' read as subject + the verb right after it."""
        start = max(number.i, noun.i if noun is not None else number.i) + 1
        for token in number.doc[start : start + NEXT_VERB_WINDOW]:
            if token.is_punct and token.text not in ("-", "–"):
                break
            if token.pos_ == "VERB":
                return self._lexicon_event(token) or (None, None)
        return None, None

    def _lexicon_event(self, token: Token) -> tuple[str, str] | None:
        particles = [c for c in token.children if is_particle(c)]
        phrase = " ".join([token.lemma_.lower(), *[p.lower_ for p in particles]])
        objects = [c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
        with_object = f"{token.lemma_.lower()} {objects[0].lemma_.lower()}" if objects else None
        for key in (with_object, phrase, token.lemma_.lower(), token.lower_):
            if key in self.event_of:
                if key == with_object:
                    return f"{token.text} {objects[0].text}", self.event_of[key]
                surface = " ".join([token.text, *[p.text for p in particles]])
                return self._with_conjunct(token, surface), self.event_of[key]
        return None

    @staticmethod
    def _with_conjunct(token: Token, surface: str) -> str:
        """'killed and wounded' - but not a conjoined clause with its own subject, nor two verbs with
        objects of their own ('killed three and injured nine')."""
        has_object = any(c.dep_ == "dobj" for c in token.children)
        for child in token.children:
            if (
                child.dep_ == "conj"
                and child.pos_ == token.pos_ == "VERB"
                and child.i - token.i <= 3
                and not any(c.dep_.startswith("nsubj") for c in child.children)
                and not (has_object and any(c.dep_ == "dobj" for c in child.children))
            ):
                joiner = next((c.text for c in token.children if c.dep_ == "cc"), "and")
                return f"{surface} {joiner} {child.text}"
        return surface

    def _qualifier(self, doc: Doc, number: NumberSpan) -> tuple[str | None, int | None]:
        start_char = doc[number.start].idx
        before = doc_text(doc)[max(0, start_char - 25) : start_char].lower()
        for qualifier in self.qualifiers:
            if re.search(rf"(?:^|\W){re.escape(qualifier)}\s+$", before):
                return qualifier, start_char - len(before) + before.rstrip().rfind(qualifier)
        return None, None

    def _deduplicate(self, found: list[CountMatch]) -> list[CountMatch]:
        """One count per event: the headline, key points and body often repeat it."""
        kept: list[CountMatch] = []
        for match in found:
            if is_share(match):
                kept.append(match)  # 'five people, including three children': a part, never a retelling
                continue
            same = [
                k
                for k in kept
                if k.number.value == match.number.value
                and (k.canonical_event == match.canonical_event or self._same_noun_retold(k, match))
            ]
            if same:
                same[0].repeats.append(match)
            else:
                kept.append(match)
        return kept

    def _same_noun_retold(self, a: CountMatch, b: CountMatch) -> bool:
        """Same noun retold: with lexicon events (headline 'lost', body 'killed') or the same verb
        ('towed', 'towed back'); two different plain verbs are two events."""
        if a.noun is None or b.noun is None or a.noun.lemma_.lower() != b.noun.lemma_.lower():
            return False
        events = (a.canonical_event or "", b.canonical_event or "")
        if all(event in self.canonical_events for event in events):
            # a retelling is another sentence: 'two were killed and another two wounded' are two counts
            doc = a.noun.doc
            return sentence_of(doc[a.number.start]).start != sentence_of(doc[b.number.start]).start
        return events[0].split()[:1] == events[1].split()[:1]

    # -------------------------------------------------------- set_annotations
    def set_annotations(self, doc: Doc, matches: list[CountMatch]) -> Doc:
        located = self._located_places(doc) if matches else []
        doc._.counts = [self._count(doc, match, located) for match in matches]
        return doc

    def _count(self, doc: Doc, match: CountMatch, located: list[tuple[int, str]]) -> Count:
        start = match.qualifier_start if match.qualifier_start is not None else doc[match.number.start].idx
        last = doc[match.number.end - 1]
        end = last.idx + len(last)
        if (
            match.noun is not None
            and match.noun.i >= match.number.end
            and match.noun.i - match.number.end < 5
        ):
            end = match.noun.idx + len(match.noun)
        # a headline states the count; a later retelling often adds what, where and when
        tellings = [match, *match.repeats]
        sentences = [sentence_of(doc[m.number.start]) for m in tellings]
        return Count(
            number=match.number.value,
            qualifier=match.qualifier,
            what=next((w for w in map(self._what, tellings) if w), None),
            event=match.event,
            text=doc_text(doc)[start:end],
            start=start,
            end=end,
            place=next((p for s in sentences if (p := self._place(located, s.start_char, s.end_char))), None),
            time=next((t for t in map(self._time, sentences) if t), None),
        )

    def _what(self, match: CountMatch) -> str | None:
        noun = match.noun
        if noun is None:
            return None
        modifiers = [
            c
            for c in noun.lefts
            if c.dep_ in ("compound", "amod")
            and c.lower_ not in self.not_counted
            and c.i > match.number.end - 1
        ]
        start = modifiers[0].i if modifiers else noun.i
        return noun.doc[start : noun.i + 1].text

    @staticmethod
    def _located_places(doc: Doc) -> list[tuple[int, str]]:
        """(offset, name) of place mentions after 'in', 'near', 'outside'..., sorted: where events happen."""
        text = doc_text(doc)
        located = [
            (mention.start, entity.name)
            for entity in get_list(doc, "entities")
            if entity.type in PLACE_TYPES
            for mention in entity.mentions
            if LOCATIVE.search(text[max(0, mention.start - 24) : mention.start])
        ]
        return sorted(located)

    @staticmethod
    def _place(located: list[tuple[int, str]], start: int, end: int) -> str | None:
        """The first located place inside the sentence [start, end)."""
        i = bisect_left(located, (start, ""))
        return located[i][1] if i < len(located) and located[i][0] < end else None

    @staticmethod
    def _time(sentence) -> str | None:
        """The first date expression of the sentence (the times component's patterns, on the sentence)."""
        found = find_candidates(sentence.text)
        return found[0].text if found else None


SHARE_REACH = 60  # tokens back to the casualty figure 'four of them' is a share of
# the casualty events a headline gives as 'Kills 34', '50 Dead', '12 Missing'
HEADLINE_EVENTS = frozenset(["killed", "wounded", "killed and wounded", "missing"])
QUALIFIER_WORDS = frozenset(
    ["at", "least", "more", "than", "over", "nearly", "almost", "about", "around", "some"]
)
MIN_TITLE_WORDS = 3
TITLE_SHARE = 0.7


def is_action_noun(noun: Token) -> bool:
    """A noun made from a verb names an action: 'evacuation', 'deployment', 'call-up', 'pull-out'
    (the tokenizer may split the last at its hyphen, leaving the particle as the head)."""
    word = noun.lower_
    particle = word.rsplit("-", 1)[-1] in HYPHEN_PARTICLES
    split_at_hyphen = noun.i > 0 and noun.nbor(-1).text == "-"
    return word.endswith(ACTION_SUFFIXES) or (particle and ("-" in word or split_at_hyphen))


PERCENT_AFTER = re.compile(r"^\s*(?:%|per\s*cent\b|percent\b)", re.IGNORECASE)


def is_percentage(doc: Doc, number: NumberSpan) -> bool:
    """'a 100 per cent civilian aircraft', '70%': a share, whatever noun follows."""
    last = doc[number.end - 1]
    return PERCENT_AFTER.match(doc_text(doc)[last.idx + len(last) :][:12]) is not None


def conjoined_count(number: Token) -> Token | None:
    """'killed 20,000 people and displaced 14 million': the counted noun of the verb a bare
    object number's verb is conjoined to."""
    verb = number.head
    if number.dep_ != "dobj" or verb.dep_ != "conj" or verb.head.pos_ != "VERB":
        return None
    for obj in verb.head.children:
        counted = any(c.like_num and c.dep_ == "nummod" for c in obj.children)
        if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and counted:
            return obj
    return None


def elided_noun(doc: Doc, number: NumberSpan) -> Token | None:
    """'His troops numbered 240 soldiers - now there are 94': a bare number counts the noun the
    number before it in the same sentence counted."""
    sentence = sentence_or_none(doc[number.start])
    if sentence is None:
        return None
    for token in reversed(doc[sentence.start : number.start]):
        if token.like_num and token.dep_ == "nummod" and token.head.pos_ == "NOUN" and token.head.i > token.i:
            return token.head
    return None


def is_share(match: CountMatch) -> bool:
    """The count hangs on 'including' or 'among': a part of a figure just given."""
    node = match.noun if match.noun is not None else None
    if node is None or node.i < match.number.start:
        return False
    head = node.head
    return head.lemma_.lower() in TRANSPARENT and head.i < node.i


def line_of(token: Token) -> Span:
    """The text line holding the token (a headline is one line; the parser may split it)."""
    text = doc_text(token.doc)
    start = text.rfind("\n", 0, token.idx) + 1
    end = text.find("\n", token.idx)
    span = token.doc.char_span(start, len(text) if end < 0 else end, alignment_mode="expand")
    return span if span is not None else sentence_of(token)


def is_title_case(line: Span) -> bool:
    """A headline in Title Case: most of its longer words capitalised ('Missile Strike in Sumy
    Kills 34 on Palm Sunday'), which a running sentence never is."""
    words = [t for t in line if t.is_alpha and len(t) > 3]
    if len(words) < MIN_TITLE_WORDS:
        return False
    return sum(t.text[0].isupper() for t in words) >= TITLE_SHARE * len(words)


def shares_verb(token: Token) -> bool:
    """A conjoined noun, or an apposition set off by a comma ('the convoy, 40 trucks,')."""
    if token.dep_ == "conj":
        return True
    before = token.left_edge.i - 1
    return token.dep_ == "appos" and before >= 0 and token.doc[before].text == ","


def verb_right_before(number: Token) -> list[Token]:
    """'killed three and injured nine': the parser hangs 'nine' on 'killed', but a verb right before an
    object number (past 'at least', 'about') is its verb."""
    i = number.i - 1
    while i >= 0 and number.i - i <= 3 and number.doc[i].dep_ in ("advmod", "quantmod", "amod"):
        i -= 1
    before = number.doc[i] if i >= 0 else None
    if before is None or before.pos_ != "VERB" or before.i == number.head.i or number.dep_ != "dobj":
        return []
    return [before]


def is_particle(token: Token) -> bool:
    """'drove *off*', 'walked *away*', 'came *back*': the particle belongs to the event."""
    return token.dep_ == "prt" or (token.dep_ == "advmod" and token.lower_ in PARTICLE_ADVERBS)


def sentence_of(token: Token) -> Span:
    """The token's sentence; the whole Doc when no component set sentence boundaries."""
    try:
        return token.sent
    except ValueError:
        return token.doc[:]


@Language.factory(
    "purportedly_counts",
    default_config={
        "events_file": "facts/count_events.json",
        "nouns_file": "facts/count_nouns.json",
        "number_words_file": "facts/number_words.json",
    },
    requires=["doc._.segments", "doc._.entities", "token.dep"],
    assigns=["doc._.counts"],
)
def make_counts(
    nlp: Language, name: str, events_file: str, nouns_file: str, number_words_file: str
) -> CountFinder:
    return CountFinder(nlp, name, events_file, nouns_file, number_words_file)
