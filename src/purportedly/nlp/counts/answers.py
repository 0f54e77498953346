"""Bare numbers that answer a question: 'How many calls have you checked?' - 'About 150.'"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from purportedly.nlp.extensions import doc_text

# what may stand before the answer in its sentence: quotes, a speaker label ('A:', 'OLGA:')
ANSWER_PREFIX = re.compile(r"^[\W_]*(?:[A-Z][\w.\- ]{0,30}:)?[\W_]*$")
# 'How many are standing?' 'I counted eleven.': a first-person verb before a bare number still answers
FIRST_PERSON_ANSWER = re.compile(
    r"^[\W_]*(?:[A-Z][\w.\- ]{0,30}:)?[\W_]*(?:[\w’']+,?[ \t]+){0,3}(?:I|We|we)[ \t]+[a-z]+[ \t]+$"
)
QUESTION_LOOKBACK = 3  # sentences back to the question the number answers
ANY_WORDS = {"anyone", "anybody", "any", "someone", "somebody"}


def sentence_or_none(token: Token) -> Span | None:
    try:
        return token.sent
    except ValueError:  # no sentence boundaries: no answers to find
        return None


def is_fragment_answer(doc: Doc, sentence: Span, number_start_char: int) -> bool:
    """The number opens its sentence ('Seven,' he answers; 'A: About 150 since May.') or follows only
    'I count' / 'On Monday we had'."""
    prefix = doc_text(doc)[sentence.start_char : number_start_char]
    return bool(ANSWER_PREFIX.match(prefix) or FIRST_PERSON_ANSWER.match(prefix))


def asked_question(sentence: Span) -> tuple[Token | None, Token | None]:
    """(counted noun, verb) of the closest question before: 'How many recordings have you examined?'
    -> (recordings, examined); 'asks whether anyone was killed' -> (None, killed)."""
    doc = sentence.doc
    for _ in range(QUESTION_LOOKBACK):
        if sentence.start == 0:
            break
        sentence = doc[sentence.start - 1].sent
        found = _how_many(sentence) or _whether_any(sentence)
        if found is not None:
            return found
    return None, None


def _how_many(sentence: Span) -> tuple[Token | None, Token] | None:
    for token in sentence:
        if token.lower_ == "many" and token.i > sentence.start and token.nbor(-1).lower_ == "how":
            verb = _governing_verb(token)
            return (_noun_of_many(token), verb) if verb is not None else None
    return None


def _governing_verb(token: Token) -> Token | None:
    """'how many tanks had crossed' -> crossed, not the 'asked' of the reported question."""
    for _ in range(4):
        if token.head.i == token.i:
            return None
        token = token.head
        if token.pos_ == "VERB":
            return token
    return None


def _noun_of_many(many: Token) -> Token | None:
    """'how many calls' -> calls; 'how many of these recordings' -> recordings."""
    if many.head.pos_ == "NOUN" and many.head.i > many.i:
        return many.head
    for child in many.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            nouns = [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
            if nouns:
                return nouns[0]
    return None


def _whether_any(sentence: Span) -> tuple[None, Token] | None:
    for token in sentence:
        if token.lower_ in ANY_WORDS and token.head.pos_ == "VERB":
            asks = [t for t in sentence[: token.i - sentence.start] if t.lower_ in ("whether", "if")]
            if asks or sentence.text.rstrip().endswith("?"):
                return None, token.head
    return None
