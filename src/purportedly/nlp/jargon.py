"""Component: war jargon from the glossary data file ('200s', 'barrier troops', 'mobiks') with its meaning."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from purportedly.lexicons import load_data
from purportedly.model import GlossaryHit
from purportedly.nlp.extensions import register_extensions

register_extensions()



class JargonMatcher:
    """Case-insensitive whole-token matching of glossary terms."""

    def __init__(self, nlp: Language, name: str, glossary_file: str) -> None:
        self.name = name
        self.entries: dict[str, dict] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        glossary = load_data(glossary_file, keys=("terms", "context_words"))
        # a bare '200' or 'meat' is jargon only beside words of the trade; elsewhere a number or food
        self.context_words = frozenset(glossary.get("context_words", []))
        for entry in glossary["terms"]:
            key = entry["term"].lower()
            self.entries[key] = entry
            self.matcher.add(key, [nlp.make_doc(entry["term"])])

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[tuple[dict, int, int]]:
        found = []
        taken: set[int] = set()
        matches = sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        for match_id, start, end in matches:
            if any(i in taken for i in range(start, end)):
                continue
            entry = self.entries[doc.vocab.strings[match_id]]
            if entry.get("needs_context") and not self._in_context(doc, start, end):
                continue
            taken.update(range(start, end))
            found.append((entry, start, end))
        return found

    def _in_context(self, doc: Doc, start: int, end: int) -> bool:
        if doc[start].like_num and doc[start].dep_ == "nummod":
            return False  # '200 men' is a count
        window = doc[max(0, start - 3) : min(len(doc), end + 2)]
        return any(t.lower_ in self.context_words for t in window if not start <= t.i < end)

    def set_annotations(self, doc: Doc, matches: list[tuple[dict, int, int]]) -> Doc:
        glossary = []
        for entry, start, end in matches:
            span = doc[start:end]
            glossary.append(
                GlossaryHit(
                    term=span.text,
                    meaning=entry["meaning"],
                    start=span.start_char,
                    end=span.end_char,
                    category=entry.get("category"),
                )
            )
        doc._.glossary = glossary
        return doc


@Language.factory(
    "purportedly_jargon", default_config={"glossary_file": "facts/glossary.json"},
    requires=[],
    assigns=["doc._.glossary"],
)
def make_jargon(nlp: Language, name: str, glossary_file: str) -> JargonMatcher:
    return JargonMatcher(nlp, name, glossary_file)
