"""Noun-phrase mentions of people: their extent in the parse, and what a pronoun may refer to."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set, load_table

# Dependents that belong to a speaker's name or description ("the soldier's wife", "27-year-old
# Pavel Orlov"); relative clauses and appositions are left out on purpose.
LEFT_DEPS = {
    "det",
    "amod",
    "compound",
    "poss",
    "nummod",
    "nmod",
    "quantmod",
    "predet",
    "npadvmod",
    "case",
    "flat",
}
RIGHT_DEPS = {"amod", "compound", "flat", "case"}
RIGHT_PREPS = {"of", "from"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
POSSESSIVE_GENDER = {"his": "m", "her": "f"}
INDEFINITE = {"a", "an", "one", "another", "some"}


class PersonLexicon:
    """Person nouns with gender, pronouns, and the modifier/marker word lists."""

    def __init__(self, data_dir: str = str(DATA_DIR)) -> None:
        self.person_nouns = load_table("person_nouns.txt", data_dir)
        self.pronouns = {k: v.split("\t") for k, v in load_table("pronouns.txt", data_dir).items()}
        self.loose_modifiers = load_set("modifier_words.txt", data_dir)
        self.distinct_markers = load_set("distinct_markers.txt", data_dir)
        self.generic_nouns = load_set("generic_person_nouns.txt", data_dir)
        self.reply_nouns = load_set("reply_nouns.txt", data_dir)
        self.titles = load_set("titles.txt", data_dir)
        self.first_names = load_table("first_names.txt", data_dir)
        self.organisation_nouns = load_set("organisation_nouns.txt", data_dir)

    def name_gender(self, words: list[str]) -> str:
        """The gender a person's given name usually takes, '' when unknown."""
        given = [w.lower() for w in words if w.lower().rstrip(".") not in self.titles]
        return self.first_names.get(given[0], "") if given else ""

    def is_person_head(self, token: Token) -> bool:
        return (
            token.ent_type_ == "PERSON"
            or token.lemma_.lower() in self.person_nouns
            or (token.lower_ in self.person_nouns)
        )

    def pronoun(self, token: Token) -> tuple[str, str, str] | None:
        """(gender, number, person) of a personal pronoun, or None."""
        values = self.pronouns.get(token.lower_)
        if values is None or token.pos_ not in ("PRON", "DET"):
            return None
        gender, number, person = (values + ["", "sg", "3"])[:3]
        return gender.strip(), number.strip(), person.strip()


@dataclass
class Mention:
    """A mention of a (possible) speaker: token bounds and the features resolution needs."""

    start: int  # token index
    end: int  # token index, exclusive
    head: int  # token index of the head
    text: str
    char_start: int
    char_end: int
    kind: str  # "name", "pronoun", "description"
    gender: str = ""
    plural: bool = False
    definite: bool = True
    modifiers: set[str] = field(default_factory=set)
    distinct: bool = False
    is_subject: bool = False
    is_speaker: bool = False
    head_lemma: str = ""
    person_like: bool = True
    possessor: str = ""  # "his" in "his mother", "the soldier 's" in "the soldier's wife"
    paragraph: int = 0
    cluster: int | None = None


def mention_bounds(head: Token) -> tuple[int, int]:
    """Token bounds [start, end) of the noun phrase headed by ``head`` (no relatives/appositions)."""
    start = end = head.i
    for child in head.children:
        if child.i < head.i and child.dep_ in LEFT_DEPS:
            start = min(start, child.left_edge.i)
        elif child.i > head.i and (
            child.dep_ in RIGHT_DEPS or (child.dep_ == "prep" and child.lower_ in RIGHT_PREPS)
        ):
            end = max(end, child.right_edge.i)
    doc = head.doc
    sentence = doc_index(head.doc).sentence_at(head.idx) or head.doc[:]  # Token.sent rescans the Doc
    start, end = max(start, sentence.start), min(end, sentence.end - 1)
    # a modifier's subtree can run on past a comma into a participle clause: stop there
    stop = next(
        (t.i for t in doc[head.i + 1 : end + 1] if t.text in (",", ";", "(", ":") or "\n" in t.text), None
    )
    if stop is not None:
        end = stop - 1
    first_break = next((t.i for t in reversed(doc[start : head.i]) if "\n" in t.text), None)
    if first_break is not None:
        start = first_break + 1
    while end > start and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    return start, end + 1


def make_mention(
    doc: Doc, head: Token, lexicon: PersonLexicon, bounds: tuple[int, int] | None = None
) -> Mention:
    """A Mention for the phrase headed by ``head`` with its gender, number and definiteness."""
    start, end = bounds or mention_bounds(head)
    span = doc[start:end]
    words = [t.lower_ for t in span]
    pronoun = lexicon.pronoun(head) if end - start == 1 else None
    if pronoun is not None:
        gender, number, _ = pronoun
        kind, plural = "pronoun", number == "pl"
    else:
        is_name = head.pos_ == "PROPN" and head.lemma_.lower() not in lexicon.person_nouns
        kind = "name" if is_name else "description"
        if kind == "description":
            gender = lexicon.person_nouns.get(head.lemma_.lower(), "") or possessive_gender(head)
        else:
            gender = lexicon.name_gender([t.text for t in span if t.pos_ == "PROPN"]) or possessive_gender(
                head
            )
        plural = head.tag_ in ("NNS", "NNPS")
    head_word = head.lemma_.lower()
    modifiers = {
        t.lower_
        for t in span
        if t.i != head.i and t.is_alpha and t.dep_ not in ("det", "poss", "case") and t.lower_ != head_word
    }
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    possessor = " ".join(t.lower_ for t in owner.subtree) if owner is not None else ""
    return Mention(
        start=start,
        end=end,
        head=head.i,
        text=span.text,
        char_start=span.start_char,
        char_end=span.end_char,
        kind=kind,
        gender=gender,
        plural=plural,
        definite=not (words and words[0] in INDEFINITE),
        modifiers=modifiers - lexicon.loose_modifiers,
        distinct=bool(set(words) & lexicon.distinct_markers),
        is_subject=is_subject_like(head),
        head_lemma=head_word,
        possessor=possessor,
    )


def is_subject_like(token: Token) -> bool:
    """A subject of a main or complement clause, or the agent of a passive ("denied by his wife")."""
    if token.dep_ in SUBJECT_DEPS:
        return token.head.dep_ not in ("relcl", "acl")
    return token.dep_ == "pobj" and token.head.dep_ == "agent"


def possessive_gender(subject: Token) -> str:
    """Gender shown by a his/her in the subject's own predicate ("a neighbour played it on his phone")."""
    verb = subject.head
    if subject.dep_ not in SUBJECT_DEPS:
        return ""
    for token in verb.subtree:
        if token.i > subject.i and token.dep_ == "poss" and token.lower_ in POSSESSIVE_GENDER:
            owner_verb = next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if owner_verb is not None and owner_verb.i == verb.i:
                return POSSESSIVE_GENDER[token.lower_]
    return ""
