"""Component that lists every information source an article cites, aliases merged (doc._.sources)."""

from __future__ import annotations

import re
from bisect import bisect_left
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from purportedly.model import Source
from purportedly.model import Span as TextSpan
from purportedly.nlp.citing_lexicon import CitingLexicon, load_citing_lexicon
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import get_list, register_extensions
from purportedly.nlp.quoted import SpanIndex
from purportedly.nlp.source_aliases import SOURCES_DIR, AliasHit, AliasTable, load_alias_table
from purportedly.nlp.source_candidates import Candidate, from_alias_hit, from_citation, sentence_has
from purportedly.nlp.source_merge import merge_candidates
from purportedly.nlp.source_names import name_words, same_person
from purportedly.nlp.source_patterns import Citation, find_citations
from purportedly.nlp.source_roles import identified_spans
from purportedly.nlp.source_speakers import interviewer_turns, speaker_citations
from purportedly.nlp.story import story_segments

register_extensions()

BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")


class SourceFinder:
    """Set ``doc._.sources``: the agencies, outlets, officials, people... the article cites.

    Known sources come from an alias table (``data/sources/aliases.toml``); others from the
    parse: subjects of reporting verbs, objects of "according to", agents of "released by",
    recipients of "told", and speakers of quotes. Call participants, platforms, photo
    credits, the publishing outlet and bodies that did not respond are left out.
    """

    def __init__(self, nlp: Language, name: str, data_dir: str = "") -> None:
        self.name = name
        directory = Path(data_dir) if data_dir else SOURCES_DIR
        self.table: AliasTable = load_alias_table(directory)
        self.lexicon: CitingLexicon = load_citing_lexicon(directory / "citing.toml")

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[tuple[Candidate, Span]]:
        index = doc_index(doc)
        text = index.text
        sentences = story_sentences(doc)
        if not sentences:
            return []
        silent = {s.start for s in sentences if self.lexicon.no_response.search(s.text)}
        sentences = [s for s in sentences if s.start not in silent]
        speakers = speaker_citations(doc, self.lexicon.interviewer_labels)
        citations = not_addressed_to_quoted_speaker(doc, find_citations(doc, sentences, self.lexicon))
        citations += speakers
        hits = [h for s in sentences for h in self.table.find(text, s.start_char, s.end_char)]
        hits = [h for h in hits if not in_photo_credit(text, h)]
        hit_index = SpanIndex([(h.start, h.end) for h in hits])
        # a known name is cited when it heads the citing phrase: in 'a captured Wagner
        # mercenary told ...' the mercenary speaks, not Wagner
        heads = sorted({c.head.idx for c in citations})
        publishers = {p for p in publisher_names(doc, text) if self.could_publish(p)}
        publishers |= self.interviewing_outlets(text, citations, credit_text(doc))
        found: list[tuple[Candidate, Span]] = []
        for hit in hits:
            candidate = from_alias_hit(hit, strong=any_between(heads, hit.start, hit.end))
            found.append((candidate, index.sentence_at(hit.start)))
        for citation in citations:
            if hit_index.overlaps(citation.name_start, citation.name_end):
                continue  # the alias table already names it
            candidate = from_citation(text, citation, self.lexicon, self.table)
            if candidate is None:
                continue
            candidate.known = candidate.known or self.acronym_after(text, citation.name_end)
            found.append((candidate, index.sentence_at(citation.head.idx)))
        identified = SpanIndex(sorted(identified_spans(sentences, self.lexicon)))
        for candidate, _ in found:
            # 'the SBU identified the speaker as Ivan Orlov': a voice on the call, cited by no one
            candidate.identified = identified.overlaps(candidate.start, candidate.end)
        found = without_sources_named_only_in_quotes(doc, found, self.lexicon.interviewer_labels)
        authors = [name_words(a, self.lexicon.titles) for a in article_authors(doc)]
        return [
            (c, s)
            for c, s in found
            if not is_publisher(c.name, publishers) and not is_author(c, authors, self.lexicon.titles)
        ]

    def interviewing_outlets(self, text: str, citations: list[Citation], credits: str = "") -> set[str]:
        """Names that only ever hear things ('she told the Daily Courier', 'in an interview with
        the Courier') and are never cited saying anything: the outlet doing the interviewing,
        i.e. the publisher. Outlets the alias table knows (Reuters, the Kyiv Post) are left alone.
        The tagger reads many outlet names as people; one the photo credits name is an outlet."""
        hearing, citing = set(), set()
        for citation in citations:
            name = (
                " ".join(text[citation.name_start : citation.name_end].split()).lower().removeprefix("the ")
            )
            if citation.how in ("recipient", "statement_to"):
                if citation.proper and (citation.head.ent_type_ != "PERSON" or name in credits):
                    hearing.add(name)
            else:
                citing.add(name)
        return {n for n in hearing - citing if self.table.lookup(n) is None}

    def could_publish(self, name: str) -> bool:
        """Only an outlet publishes the article: 'the SBU has not confirmed' names no publisher."""
        known = self.table.lookup(name)
        return known is None or known.kind in ("outlet", "news_agency")

    def acronym_after(self, text: str, end: int):
        """'Ukraine's Defence Intelligence (HUR)': a bracketed acronym names the known source."""
        match = BRACKETED_ACRONYM.match(text, end)
        return self.table.lookup(match.group(1)) if match else None

    def set_annotations(self, doc: Doc, found: list[tuple[Candidate, Span]]) -> Doc:
        for candidate, sentence in found:
            candidate.heard = candidate.identified or self.is_call_participant(candidate, sentence)
        groups = merge_candidates([c for c, _ in found], self.lexicon.titles)
        # someone heard on a recording is no source, unless the article also cites them
        groups = [
            g for g in groups if any(c.strong for c in g.candidates) or not any(c.heard for c in g.candidates)
        ]
        text = doc_index(doc).text
        sources = []
        for index, group in enumerate(groups, 1):
            mentions = sorted({(c.start, c.end) for c in group.candidates})
            sources.append(
                Source(
                    id=f"src{index}",
                    name=group.name,
                    kind=group.kind,
                    aliases=group.aliases,
                    mentions=[TextSpan(text=text[s:e], start=s, end=e) for s, e in mentions],
                )
            )
        doc._.sources = sources
        return doc

    def is_call_participant(self, candidate: Candidate, sentence: Span) -> bool:
        """Someone who 'says' things where a recording is described is heard on it, not cited."""
        if candidate.participant and not candidate.strong:
            return sentence_has(sentence, self.lexicon.recording_context)
        if candidate.known is not None or candidate.strong or not candidate.present:
            return False
        return sentence_has(sentence, self.lexicon.recording_context)


def without_sources_named_only_in_quotes(
    doc: Doc, found: list[tuple[Candidate, Span]], interviewer_labels: frozenset[str] = frozenset()
) -> list[tuple[Candidate, Span]]:
    """A known agency that only a quoted speaker (or interviewee) names is what the speaker
    talks about, or the speaker's own source; the article cites it only by naming it itself
    (and a presenter's turn is the article speaking)."""
    outer = [q for q in get_list(doc, "quotes") if q.kind in ("direct", "turn") and q.nested_in is None]
    own = set(interviewer_turns(doc, interviewer_labels))
    quoted = SpanIndex(sorted((q.start, q.end) for q in outer if (q.start, q.end) not in own))
    named_outside = {
        c.known.name
        for c, _ in found
        if c.known is not None and c.descriptor_kind is None and not quoted.covers(c.start, c.end)
    }
    return [(c, s) for c, s in found if c.known is None or c.known.name in named_outside]


def not_addressed_to_quoted_speaker(doc: Doc, citations: list[Citation]) -> list[Citation]:
    """Inside a quotation 'sent us', 'I spoke to' are the quoted speaker's, not the outlet's:
    '"The Bear sent us at dawn," the man says' cites no Bear. (An interview turn is the guest
    telling the programme, so there 'I spoke to his sister' still counts.)"""
    direct = SpanIndex(sorted((q.start, q.end) for q in get_list(doc, "quotes") if q.kind == "direct"))
    return [
        c for c in citations if c.how not in ("told_outlet", "interviewed") or not direct.covers(c.head.idx)
    ]


def article_authors(doc: Doc) -> list[str]:
    article = doc._.article
    return list(article.authors) if article is not None else []


def is_author(candidate: Candidate, authors: list[list[str]], titles: frozenset[str]) -> bool:
    """The reporters who wrote the story ('Jane Roe reported from Kharkiv') are not its sources."""
    if not candidate.proper or candidate.known is not None or not authors:
        return False
    words = name_words(candidate.name, titles)
    return any(same_person(words, author) for author in authors if len(author) > 1)


def any_between(sorted_offsets: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_offsets, start)
    return i < len(sorted_offsets) and sorted_offsets[i] < end


def story_sentences(doc: Doc) -> list[Span]:
    story = SpanIndex([(s.start, s.end) for s in story_segments(doc)])
    return [s for s in doc_index(doc).sentences if story.covers(s.start_char)]


def in_photo_credit(text: str, hit: AliasHit) -> bool:
    """'NAME/AFP via Getty Images', '(Ivan Tkach/AP)': an agency credited for a photo."""
    before = text[max(0, hit.start - 8) : hit.start].rstrip()
    after = text[hit.end : hit.end + 8].lstrip()
    return before.endswith(("/", "via")) or after.startswith(("/", "via "))


# "Northwire could not independently verify", "The Daily Courier has not been able to verify":
# only the publisher checks its own material, so the subject of a failed check is the publisher.
FAILED_CHECK_SUBJECT = re.compile(
    r"((?:The\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})\s+(?:could\s+not|cannot|could\s*n[o']t|"
    r"(?:has|have|had)\s+not\s+been\s+able\s+to|(?:was|were|is)\s+unable\s+to|(?:has|have|had)\s+not)\s+"
    r"(?:yet\s+)?(?:independently\s+)?"
    r"(?:verif(?:y|ied)|confirm(?:ed)?|establish(?:ed)?|corroborate|authenticate)"
)


def is_publisher(name: str, publishers: set[str]) -> bool:
    key = " ".join(name.lower().split()).removeprefix("the ")
    return any(key == p or p.endswith(" " + key) for p in publishers)


def credit_text(doc: Doc) -> str:
    """Lower-case text of the photo captions and credit lines ('(Photo: Ivan Lys / Kharkiv Daily)')."""
    article = doc._.article
    if article is None:
        return ""
    return " ".join(s.text.lower() for s in article.segments_of("caption", "credit"))


def publisher_names(doc: Doc, text: str) -> set[str]:
    """Lower-case names of the publishing outlet: metadata, and subjects of failed checks."""
    names = set()
    article = doc._.article
    if article is not None and article.outlet:
        names.add(article.outlet.lower().removeprefix("the "))
    for match in FAILED_CHECK_SUBJECT.finditer(text):
        names.add(" ".join(match.group(1).split()).lower().removeprefix("the "))
    return names


@Language.factory("purportedly_sources", default_config={"data_dir": ""})
def make_sources(nlp: Language, name: str, data_dir: str) -> SourceFinder:
    return SourceFinder(nlp, name, data_dir=data_dir)
