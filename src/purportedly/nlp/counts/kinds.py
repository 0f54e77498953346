"""Counts the verb path misses: 'shelled 14 times', 'a hamlet of 350 residents', 'six were inside'."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from purportedly.lexicons import load_data, load_set, lowered

RELATIVE_PRONOUNS = ("which", "that", "who")
DISTANCE_AFTER = ("from", "away", "down", "up", "along", "beyond")
TOLL_PREPOSITIONS = ("at", "to", "between")
# 'the death toll was much higher, around 70': an approximate value after a copula
COPULA_PREPOSITIONS = ("around", "about", "over", "nearly", "roughly", "near")
# 'the figure for military deaths': what a tally counts, after 'of' or 'for'
TALLY_PREPOSITIONS = ("of", "for")
TOLL_VERBS = ("reach", "hit", "total")  # a tally as subject, its value as object ('the toll reached 45')
# 'that' is left out: the tagger reads the conjunction in 'said that one man was held' as a determiner
SINGLE_DETERMINERS = ("no", "any", "the", "every", "each", "which", "what", "another", "only")


# data/facts/count_nouns.json: the noun classes counts tell apart (the first three are never counted)
NOUN_KEYS = (
    "durations", "measures", "fractions", "event_nouns", "settlements", "population_nouns",
    "population_verbs", "people", "audience", "audience_verbs", "presence_preps", "tolls",
    "multiplicative", "distances", "casualty_nouns",
)


@dataclass(frozen=True)
class CountKinds:
    """The noun lexicons of data/facts/count_nouns.json that tell these counts apart."""

    event_nouns: frozenset[str]
    settlements: frozenset[str]
    population_nouns: frozenset[str]
    population_verbs: frozenset[str]
    people: frozenset[str]
    audience: frozenset[str]
    audience_verbs: frozenset[str]
    presence_preps: frozenset[str]
    tolls: frozenset[str]
    multiplicative: frozenset[str]
    distances: frozenset[str]
    casualty_nouns: frozenset[str] = frozenset()

    @classmethod
    def load(cls, nouns_file: str, person_nouns_file: str = "quotes/person_nouns.txt") -> CountKinds:
        nouns = load_data(nouns_file, keys=NOUN_KEYS)

        def words(key: str) -> frozenset[str]:
            return lowered(nouns, key)

        return cls(
            event_nouns=words("event_nouns"),
            settlements=words("settlements"),
            population_nouns=words("population_nouns"),
            population_verbs=words("population_verbs"),
            people=words("people") | load_set(person_nouns_file),
            audience=words("audience"),
            audience_verbs=words("audience_verbs"),
            presence_preps=words("presence_preps"),
            tolls=words("tolls"),
            multiplicative=words("multiplicative"),
            distances=words("distances"),
            casualty_nouns=words("casualty_nouns"),
        )

    # ------------------------------------------------------------ exclusions
    def is_audience(self, noun: Token) -> bool:
        """'about 95,000 subscribers': the size of a channel's audience is no event."""
        return lemma(noun) in self.audience

    def is_distance(self, noun: Token) -> bool:
        """'lives three houses from the church': how far, not how many."""
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        return lemma(noun) in self.distances and after is not None and after.lower_ in DISTANCE_AFTER

    @staticmethod
    def is_measure_phrase(noun: Token) -> bool:
        """'three days after', 'ten metres away': a noun measuring a preposition or adverb."""
        return noun.dep_ == "npadvmod" and noun.head.pos_ in ("ADP", "ADV", "ADJ")

    @staticmethod
    def may_count_one(number: Token) -> bool:
        """'One volunteer wounded': 'one' counts only right before its singular noun, with no determiner
        that makes it a pronoun or a choice ('no one', 'the one', 'only one of them' ...)."""
        head = number.head
        before = number.doc[number.i - 1] if number.i > 0 else None
        return (
            number.dep_ == "nummod"
            and head.pos_ == "NOUN"
            and head.tag_ == "NN"
            and head.i > number.i
            and (before is None or before.lower_ not in SINGLE_DETERMINERS)
        )

    # ------------------------------------------------------------ new kinds
    def frequency_verb(self, noun: Token | None) -> Token | None:
        """'was shelled 14 times', 'has listened to the call 25 times': the verb whose occurrences are
        counted; not ratios ('three times more') or rates ('twice a day')."""
        if noun is None or lemma(noun) != "time" or noun.dep_ not in ("npadvmod", "dobj"):
            return None
        after = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        if after is not None and after.lower_ in self.multiplicative:
            return None
        node = noun.head
        # 'listened to the longest call 25 times': the parser may hang the count on the verb's object
        while node.pos_ != "VERB" and node.dep_ in ("pobj", "prep", "dobj") and node.head.i != node.i:
            node = node.head
        if node.pos_ != "VERB" or lemma(node) in self.audience_verbs:
            return None  # 'viewed 300,000 times' sizes an audience
        return node

    def population(self, number: Token, noun: Token | None) -> bool:
        """'a hamlet of 350 residents', 'the district, which had 4,200 inhabitants', 'a population of 900'."""
        if noun is None:
            head = number.head
            return number.dep_ == "pobj" and head.lower_ == "of" and lemma(head.head) == "population"
        if lemma(noun) not in self.population_nouns:
            return False
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of":
            return lemma(head.head) in self.settlements
        if noun.dep_ not in ("dobj", "attr") or lemma(head) not in self.population_verbs:
            return False
        return any(self._is_settlement(c) for c in head.children if c.dep_.startswith("nsubj"))

    def _is_settlement(self, subject: Token) -> bool:
        if lemma(subject) in self.settlements:
            return True
        # 'the district, which had 4,200 inhabitants'
        clause = subject.head
        return (
            subject.lower_ in RELATIVE_PRONOUNS
            and clause.dep_ == "relcl"
            and lemma(clause.head) in self.settlements
        )

    def presence(self, noun: Token | None) -> str | None:
        """'Three pensioners were in the cellar': people present at a place; the place phrase is the event."""
        if noun is None or lemma(noun) not in self.people or noun.dep_ != "nsubj" or lemma(noun.head) != "be":
            return None
        places = [
            c
            for c in noun.head.children
            if c.dep_ == "prep" and c.lower_ in self.presence_preps and c.i > noun.i
        ]
        if not places:
            return None
        objects = [c for c in places[0].children if c.dep_ == "pobj"]
        end = objects[0].i if objects else places[0].right_edge.i
        return noun.doc[places[0].i : end + 1].text  # 'in the cellar', not 'in the cellar of the shop'

    def existential(self, number: Token, noun: Token | None) -> str | None:
        """'there were thirty-one of us when we crossed': the size of a group of people; the clause that
        says when is the event, else 'there were'."""
        if noun is not None and lemma(noun) not in self.people:
            return None
        subject = noun if noun is not None else number
        verb = subject.head
        if subject.dep_ not in ("attr", "nsubj") or lemma(verb) != "be":
            return None
        if not any(c.dep_ == "expl" for c in verb.children):
            return None
        clauses = [c for c in verb.children if c.dep_ == "advcl" and c.pos_ == "VERB"]
        return clauses[0].text if clauses else f"there {verb.text}"

    def is_event_noun(self, noun: Token | None) -> bool:
        """'80 artillery strikes', 'eight rockets', '21 fatalities': the noun itself is what happened."""
        return noun is not None and (lemma(noun) in self.event_nouns or self.is_casualty_noun(noun))

    def is_casualty_noun(self, noun: Token | None) -> bool:
        """'21 fatalities', '34 injuries', '12 deaths': a casualty figure whatever verb reports it."""
        return noun is not None and (lemma(noun) in self.casualty_nouns or noun.lower_ in self.casualty_nouns)

    def _reached(self, number: Token) -> tuple[Token, str] | None:
        """'the number of dead reached 45', 'the toll hit 30', 'the death toll reaching 115
        victims': the subject is the tally."""
        tallies = [c for c in number.head.children if c.dep_ == "nsubj" and lemma(c) in self.tolls]
        if not tallies:
            return None
        tally = tallies[0]
        counted = self._counted_of(tally)
        if counted is not None:
            return counted
        modifiers = [c for c in tally.children if c.dep_ in ("compound", "amod")]
        return (tally, modifiers[0].text) if modifiers else (tally, tally.text)

    def _counted_of(self, tally: Token) -> tuple[Token, str] | None:
        """What a tally's 'of' phrase counts: 'the number of injured', 'the number of those
        killed' (the participle says what befell them), 'the number of shelling incidents' (a
        gerund). 'The death toll of a missile strike' is the toll *of an event*: its dead."""
        for preposition in (c for c in tally.children if c.dep_ == "prep" and c.lower_ in TALLY_PREPOSITIONS):
            for counted in preposition.children:
                if counted.dep_ == "amod":
                    return counted, counted.text
                if counted.dep_ == "pcomp" and counted.pos_ == "VERB":
                    objects = [c for c in counted.children if c.dep_ == "dobj"]
                    return (objects[0] if objects else counted), counted.text
                if counted.dep_ != "pobj":
                    continue
                if lemma(tally) == "toll" and lemma(counted) in self.event_nouns:
                    return None
                participles = [c for c in counted.children if c.dep_ in ("acl", "amod") and c.tag_ == "VBN"]
                if counted.pos_ in ("PRON", "DET") and participles:
                    return counted, participles[0].text
                return counted, noun_phrase(counted)
        return None

    def toll(self, number: Token) -> tuple[Token, str] | None:
        """'put the number of strikes at about sixty', 'the death toll rose to 19': (counted noun,
        event words) of the tally the number is the value of."""
        if number.dep_ == "conj" and number.head.like_num:
            number = number.head  # 'between 3,500 and 7,500': the range's upper end goes its lower end's way
        target = number
        if target.dep_ == "nummod" and target.head.dep_ in ("pobj", "dobj"):
            target = target.head  # 'rose to 12 dead', 'reaching a harrowing 115 victims'
        if target.dep_ == "dobj" and lemma(target.head) in TOLL_VERBS:
            return self._reached(target)  # 'the number of dead reached 45'
        if target.dep_ in ("attr", "npadvmod") and lemma(target.head) == "be":
            return self._reached(target)  # 'the official figure for military deaths was 5,732'
        if target.dep_ != "pobj":
            return None
        preposition = target.head
        if preposition.lower_ in COPULA_PREPOSITIONS and lemma(preposition.head) == "be":
            return self._reached(preposition)  # 'the death toll was much higher, around 70'
        if preposition.dep_ == "pcomp" and preposition.head.lower_ in TOLL_PREPOSITIONS:
            preposition = preposition.head  # 'at around forty': the parser hangs 'forty' on 'around'
        if preposition.lower_ not in TOLL_PREPOSITIONS:
            return None
        verb = preposition.head
        if verb.dep_ in ("advmod", "prt") and verb.lower_ in ("down", "up"):
            verb = verb.head  # 'revised the toll down to 19'
        tallies = [
            c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass") and lemma(c) in self.tolls
        ]
        if not tallies:
            return None
        tally = tallies[0]
        # 'the number of injured climbed to 99 people': the tally says what the people suffered
        counted = self._counted_of(tally)
        if counted is not None:
            return counted
        if target is not number:
            return target, target.text
        modifiers = [c for c in tally.children if c.dep_ in ("compound", "amod")]
        if not modifiers and lemma(tally) == "toll":
            return tally, tally.text  # 'the toll was lowered to 275': a toll is of the dead
        return (tally, modifiers[0].text) if modifiers else None  # 'the death toll'


def lemma(token: Token) -> str:
    return token.lemma_.lower()


def noun_phrase(noun: Token) -> str:
    """The noun with the compounds before it: 'artillery strikes', 'grain trucks'."""
    compounds = [c for c in noun.lefts if c.dep_ == "compound"]
    start = compounds[0].i if compounds else noun.i
    return noun.doc[start : noun.i + 1].text
