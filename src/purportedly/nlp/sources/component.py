"""Component that lists every information source an article cites, aliases merged (doc._.sources)."""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.language import Language
from spacy.tokens import Doc, Span

from purportedly.model import Source
from purportedly.model import Span as TextSpan
from purportedly.names import name_words, same_person, source_key
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import get_list, register_extensions
from purportedly.nlp.quoted import SpanIndex, merge_spans
from purportedly.nlp.sources.aliases import SOURCES_DIR, AliasHit, AliasTable, load_alias_table
from purportedly.nlp.sources.candidates import Candidate, from_alias_hit, from_citation, sentence_has
from purportedly.nlp.sources.citing_lexicon import CitingLexicon, load_citing_lexicon
from purportedly.nlp.sources.decision import DocView, group_features, load_decision
from purportedly.nlp.sources.merge import SourceGroup, merge_candidates, rule_cited
from purportedly.nlp.sources.patterns import Citation, find_citations
from purportedly.nlp.sources.roles import identified_spans
from purportedly.nlp.sources.speakers import interviewer_turns, speaker_citations
from purportedly.nlp.story import story_segments
from purportedly.nlp.tokenizer import keep_dotted_names

register_extensions()

BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z]{1,7})\)")


class SourceFinder:
    """Set ``doc._.sources``: the agencies, outlets, officials, people... the article cites.

    Known sources come from an alias table (``data/sources/aliases.toml``); others from the
    parse: subjects of reporting verbs, objects of "according to", agents of "released by",
    recipients of "told", and speakers of quotes. Call participants, platforms, photo
    credits, the publishing outlet and bodies that did not respond are left out.
    """

    def __init__(
        self,
        nlp: Language,
        name: str,
        data_dir: str = SOURCES_DIR,
        documents: bool = False,
        model: str | None = "default",
        mode: str = "rules",
    ) -> None:
        if mode not in ("rules", "model"):
            raise ValueError(f"purportedly_sources: mode must be 'rules' or 'model', not {mode!r}")
        self.name = name
        self.mode = mode
        # bare nouns ('authorities there said') are proposed only where the model may keep them
        # (and when training it): the rules never keep one
        self.bare_nouns = mode == "model"
        # the learned keep/drop decision ('default': the shipped model; None: the rules alone)
        self.decision = load_decision() if model == "default" else (load_decision(model) if model else None)
        # written records ('a leaked order says') as sources of kind document; off by default,
        # as the chains already carry them as document links and gold lists only who told
        self.documents = documents
        self.table: AliasTable = load_alias_table(data_dir)
        self.lexicon: CitingLexicon = load_citing_lexicon(f"{data_dir}/citing.toml")

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[tuple[Candidate, Span]]:
        index = doc_index(doc)
        text = index.text
        sentences = story_sentences(doc)
        if not sentences:
            return []
        # one pass of the no-response patterns over the text, not one search per sentence
        quiet_at = [m.start() for m in self.lexicon.no_response.finditer(text)]
        is_silent = [any_between(quiet_at, s.start_char, s.end_char) for s in sentences]
        silent = [s for s, quiet in zip(sentences, is_silent, strict=True) if quiet]
        sentences = [s for s, quiet in zip(sentences, is_silent, strict=True) if not quiet]
        citations = not_addressed_to_quoted_speaker(
            doc, find_citations(doc, sentences, self.lexicon), self.lexicon.verdict_verbs
        )
        citations += speaker_citations(
            doc, self.lexicon.interviewer_labels, self.lexicon.source_nouns, self.lexicon.document_nouns
        )
        hits = self.alias_hits(text, sentences)
        # a known name is cited when it heads the citing phrase: in 'a captured Wagner
        # mercenary told ...' the mercenary speaks, not Wagner
        heads = sorted({c.head.idx for c in citations})
        found = [
            (
                from_alias_hit(
                    hit,
                    strong=any_between(heads, hit.start, hit.end),
                    referent_only=former_affiliation(doc, hit),
                    table=self.table,
                    text=text,
                ),
                index.sentence_at(hit.start),
            )
            for hit in hits
        ]
        # a body that did not respond is no source, but 'the ministry' may still point back to it
        found += [
            (
                from_alias_hit(hit, strong=False, referent_only=True, table=self.table),
                index.sentence_at(hit.start),
            )
            for hit in self.alias_hits(text, silent)
            if hit.known is not None
        ]
        found += self.cited_candidates(doc, citations, hits)
        identified = SpanIndex(sorted(identified_spans(doc, sentences, self.lexicon)))
        for candidate, _ in found:
            # 'the SBU identified the speaker as Ivan Orlov': a voice on the call, cited by no one
            candidate.identified = identified.overlaps(candidate.start, candidate.end)
        found = [(c, s) for c, s in found if not addresses_the_reader(c, s)]
        found = without_sources_named_only_in_quotes(doc, found, self.lexicon.interviewer_labels)
        found = without_quoted_descriptions(doc, found)
        publishers = {p for p in publisher_names(doc, text) if self.could_publish(p)}
        publishers -= self.relaying_outlets(text, citations)
        publishers |= self.interviewing_outlets(text, citations, credit_text(doc))
        authors = [name_words(a, self.lexicon.titles) for a in article_authors(doc)]
        return [
            (c, s)
            for c, s in found
            if not is_publisher(c.name, publishers) and not is_author(c, authors, self.lexicon.titles)
        ]

    def alias_hits(self, text: str, sentences: list[Span]) -> list[AliasHit]:
        hits = [h for s in sentences for h in self.table.find(text, s.start_char, s.end_char)]
        return [h for h in hits if not in_photo_credit(text, h)]

    def cited_candidates(
        self, doc: Doc, citations: list[Citation], hits: list[AliasHit]
    ) -> list[tuple[Candidate, Span]]:
        """Candidates for citing phrases the alias table does not already name."""
        index = doc_index(doc)
        text = index.text
        hit_index = SpanIndex([(h.start, h.end) for h in hits])
        found = []
        for citation in citations:
            # 'a HUR spokesperson said': the person speaks for the agency, and is a source too
            member = self.member_of_known(citation, hit_index)
            if hit_index.overlaps(citation.name_start, citation.name_end) and not member:
                continue  # the alias table already names it
            candidate = from_citation(text, citation, self.lexicon, self.table, loose=self.bare_nouns)
            if candidate is None or (candidate.kind == "document" and not self.documents):
                continue
            candidate.member = member
            candidate.known = candidate.known or self.acronym_after(text, citation.name_end)
            found.append((candidate, index.sentence_at(citation.head.idx)))
        return found

    def member_of_known(self, citation: Citation, hit_index: SpanIndex) -> bool:
        """'a HUR spokesperson', 'an SBU official': a person role named after a known body."""
        head = citation.head
        # 'a spokesperson for the directorate' is the directorate speaking (its descriptor)
        return (
            not citation.proper
            and head.lower_ in self.lexicon.spokesperson_nouns
            and not hit_index.overlaps(head.idx, head.idx + len(head))
            and not any(c.dep_ == "prep" for c in head.children)
        )

    def interviewing_outlets(self, text: str, citations: list[Citation], credits: str = "") -> set[str]:
        """Names that only ever hear things ('she told the Daily Courier', 'in an interview with
        the Courier') and are never cited saying anything: the outlet doing the interviewing,
        i.e. the publisher. Outlets the alias table knows (Reuters, the Kyiv Post) are left alone.
        The tagger reads many outlet names as people; one the photo credits name is an outlet."""
        hearing, citing = set(), set()
        written: dict[str, str] = {}  # as the text writes it: 'CNN' is known, 'cnn' is not
        for citation in citations:
            surface = " ".join(text[citation.name_start : citation.name_end].split())
            name = surface.lower().removeprefix("the ")
            written[name] = surface
            if citation.how in ("recipient", "statement_to"):
                if citation.proper and (citation.head.ent_type_ != "PERSON" or name in credits):
                    hearing.add(name)
            else:
                citing.add(name)
        return {n for n in hearing - citing if self.table.lookup(written[n]) is None}

    def relaying_outlets(self, text: str, citations: list[Citation]) -> set[str]:
        """Known outlets cited for passing the material on ('shared by the Kyiv Post'): one of them
        that 'could not verify' it is a relay checking its own copy, not this article's publisher."""
        names = set()
        for citation in citations:
            if (citation.verb or "") in CHECK_VERBS:
                continue  # 'could not be verified by Newsweek': the checker, not a relay
            if citation.how in ("agent", "according_to", "outlet_named") and citation.proper:
                name = " ".join(text[citation.name_start : citation.name_end].split())
                if self.table.lookup(name) is not None:
                    names.add(name.lower().removeprefix("the "))
        return names

    def could_publish(self, name: str) -> bool:
        """Only an outlet publishes the article: 'the SBU has not confirmed' names no publisher."""
        known = self.table.lookup(name)
        return known is None or known.kind in ("outlet", "news_agency")

    def acronym_after(self, text: str, end: int):
        """'Ukraine's Defence Intelligence (HUR)': a bracketed acronym names the known source."""
        match = BRACKETED_ACRONYM.match(text, end)
        return self.table.lookup(match.group(1)) if match else None

    def proposals(self, doc: Doc, found: list[tuple[Candidate, Span]]) -> list[tuple[SourceGroup, bool]]:
        """Every merged group the rules propose, with the rules' own verdict on it; bare nouns
        ('authorities said') come after, in groups of their own, which the rules never keep."""
        for candidate, sentence in found:
            candidate.heard = candidate.identified or self.is_call_participant(candidate, sentence)
        titles = self.lexicon.titles
        countries = self.table.countries
        groups = merge_candidates(
            [c for c, _ in found if not c.loose], titles, keep_uncited=True, countries=countries
        )
        # someone heard on a recording is no source, unless the article also cites them; an outlet
        # named only as a reporter's employer ('CNN's Nick Walsh reported') is the reporter's
        proposed = [
            (g, rule_cited(g) and (any_strong(g) or not any_heard(g)) and not only_an_employer(g, groups))
            for g in groups
        ]
        taken = SpanIndex(merge_spans([(c.start, c.end) for g in groups for c in g.candidates]))
        names = {source_key(n) for g in groups for n in (g.name, *g.aliases)}
        loose = [c for c, _ in found if c.loose and not taken.overlaps(c.start, c.end)]
        extra = merge_candidates(loose, titles, keep_uncited=True, countries=countries)
        return proposed + [(g, False) for g in extra if source_key(g.name) not in names]

    def decide(
        self, doc: Doc, proposals: list[tuple[SourceGroup, bool]]
    ) -> list[tuple[SourceGroup, float | None]]:
        """The groups kept, each with the model's chance that it is a cited source (None without
        a model). In 'rules' mode the rules keep or drop and the model only gives the chance; in
        'model' mode the chance decides (better on PolNeAR, worse on our genre so far: README)."""
        if self.decision is None:
            return [(g, None) for g, keep in proposals if keep]
        if self.mode == "rules":
            proposals = [(g, keep) for g, keep in proposals if keep]
        view = DocView.of(doc)
        kept = []
        for group, rule_keep in proposals:
            features = group_features(group, doc, view)
            features["rule_keep"] = float(rule_keep)
            chance = self.decision.probability(features)
            if self.mode == "rules" or chance >= self.decision.threshold:
                kept.append((group, round(chance, 3)))
        return kept

    def set_annotations(self, doc: Doc, found: list[tuple[Candidate, Span]]) -> Doc:
        groups = self.decide(doc, self.proposals(doc, found))
        text = doc_index(doc).text
        sources = []
        for index, (group, confidence) in enumerate(groups, 1):
            mentions = sorted({(c.start, c.end) for c in group.candidates})
            sources.append(
                Source(
                    id=f"src{index}",
                    name=group.name,
                    kind=group.kind,
                    aliases=group.aliases,
                    mentions=[TextSpan(text=text[s:e], start=s, end=e) for s, e in mentions],
                    owner=group.owner,
                    confidence=confidence,
                )
            )
        doc._.sources = sources
        return doc

    def is_call_participant(self, candidate: Candidate, sentence: Span) -> bool:
        """Someone who 'says' things where a recording is described is heard on it, not cited."""
        if candidate.participant and not candidate.strong:
            # 'said she had not heard from him' is no recording: only a recording noun makes one
            return any(t.lower_ in self.lexicon.recording_context and t.pos_ == "NOUN" for t in sentence)
        if candidate.known is not None or candidate.strong or not candidate.present:
            return False
        return sentence_has(sentence, self.lexicon.recording_context)


def former_affiliation(doc: Doc, hit: AliasHit) -> bool:
    """'Igor Girkin, a former Federal Security Service (FSB) officer': a body someone once served
    describes the person; it does not speak in the article (a serving 'HUR spokesperson' does)."""
    span = doc.char_span(hit.start, hit.end, alignment_mode="expand")
    if span is None:
        return False
    for noun in (span.root, *span.root.ancestors):
        if noun.pos_ == "NOUN" and any(t.lower_ in ("former", "ex") for c in noun.lefts for t in c.subtree):
            while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":  # 'a blogger and former officer'
                noun = noun.head
            return noun.dep_ == "appos"
        if noun.dep_ in ("ROOT", "relcl", "ccomp"):
            return False
    return False


def addresses_the_reader(candidate: Candidate, sentence: Span) -> bool:
    """'Remember to check the Harbour Gazette website for your news': a promotion line that names
    its own outlet to the reader, not a source the story cites."""
    return candidate.how == "outlet_named" and any(
        t.lower_ in ("you", "your") and t.pos_ == "PRON" for t in sentence
    )


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


def without_quoted_descriptions(
    doc: Doc, found: list[tuple[Candidate, Span]]
) -> list[tuple[Candidate, Span]]:
    """'It said the call was intercepted "by the radio-electronic intelligence service"': an
    unnamed body described inside a quotation is the quoted speaker's words, not a source the
    article cites (interview turns, which are the article's own material, are kept)."""
    direct = SpanIndex(sorted((q.start, q.end) for q in get_list(doc, "quotes") if is_outer_direct(q)))
    return [
        (c, s)
        for c, s in found
        if c.proper or c.known or c.descriptor_kind or not direct.covers(c.start, c.end)
    ]


def not_addressed_to_quoted_speaker(
    doc: Doc, citations: list[Citation], verdicts: frozenset[str] = frozenset()
) -> list[Citation]:
    """Inside a quotation 'sent us', 'I spoke to' are the quoted speaker's, not the outlet's:
    '"The Bear sent us at dawn," the man says' cites no Bear. (An interview turn is the guest
    telling the programme, so there 'I spoke to his sister' still counts.)"""
    direct = SpanIndex(sorted((q.start, q.end) for q in get_list(doc, "quotes") if is_outer_direct(q)))
    return [c for c in citations if not (speaker_bound(c, verdicts) and direct.covers(c.head.idx))]


def speaker_bound(citation: Citation, verdicts: frozenset[str]) -> bool:
    """Patterns that read the page as the outlet's: 'sent us', 'we reached', and verdicts
    ('they call us meat' in a soldier's mouth names no source)."""
    return citation.how in ("told_outlet", "interviewed") or (citation.verb or "") in verdicts


def article_authors(doc: Doc) -> list[str]:
    article = doc._.article
    return list(article.authors) if article is not None else []


def is_author(candidate: Candidate, authors: list[list[str]], titles: frozenset[str]) -> bool:
    """The reporters who wrote the story ('Jane Roe reported from Kharkiv') are not its sources."""
    if not candidate.proper or candidate.known is not None or not authors:
        return False
    words = name_words(candidate.name, titles)
    return any(same_person(words, author) for author in authors if len(author) > 1)


def only_an_employer(group: SourceGroup, groups: list[SourceGroup]) -> bool:
    """An outlet every mention of which opens a named person's mention ('CNN's Nick Paton
    Walsh'): the reporter is the source, the outlet says whom he works for."""
    if group.known is None or group.known.kind not in ("outlet", "news_agency", "channel"):
        return False
    people = [
        (c.start, c.end)
        for other in groups
        if other is not group and other.known is None
        for c in other.candidates
        if c.person
    ]
    return all(any(s == c.start and c.end < e for s, e in people) for c in group.candidates)


def any_strong(group: SourceGroup) -> bool:
    return any(c.strong for c in group.candidates)


def any_heard(group: SourceGroup) -> bool:
    return any(c.heard for c in group.candidates)


def any_between(sorted_offsets: list[int], start: int, end: int) -> bool:
    i = bisect_left(sorted_offsets, start)
    return i < len(sorted_offsets) and sorted_offsets[i] < end


def story_sentences(doc: Doc) -> list[Span]:
    story = SpanIndex([(s.start, s.end) for s in story_segments(doc)])
    return [s for s in doc_index(doc).sentences if story.covers(s.start_char)]


def in_photo_credit(text: str, hit: AliasHit) -> bool:
    """'NAME/AFP via Getty Images', '(Ivan Tkach/AP)', 'Photo: Reuters': an agency credited for a photo."""
    before = text[max(0, hit.start - 14) : hit.start].rstrip()
    after = text[hit.end : hit.end + 8].lstrip()
    return (
        before.endswith(("/", "via"))
        or after.startswith(("/", "via "))
        or CREDIT_LABEL.search(before) is not None
    )


# 'Photo: Reuters', 'Picture: AFP', 'Credit: AP': a label that credits the picture, not a source
CREDIT_LABEL = re.compile(r"\b(?:Photo|Photograph|Picture|Image|Credit|Video)s?\s*:\s*$", re.IGNORECASE)
# '(Northwire) – A strike killed …', 'HARBOURTON (Northwire) —', 'PORT ELLA, May 2 (Northwire) -':
# a wire's dateline names the publisher of the report
WIRE_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3}(?:,[ \t]*[A-Z][a-z]+\.?[ \t]+\d{1,2})?[ \t]+)?"
    r"\(([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\)\s*[–—-]",
    re.MULTILINE,
)
# 'HARBOURTON - Northwire Agency' on a line of its own: the city, then the wire that wrote the copy
WIRE_CITY_LINE = re.compile(
    r"^[ \t]*[A-Z][A-Z'’.-]+(?:[ \t]+[A-Z][A-Z'’.-]+){0,3}[ \t]*[–—-][ \t]*"
    r"([A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})[ \t]*$",
    re.MULTILINE,
)
# '© 2024 Northwire Media. All rights reserved', 'Copyright 2023 Northwire': whoever owns the copy
# published it (a relaying site that cites the owner names it elsewhere, not in a copyright line)
COPYRIGHT_LINE = re.compile(
    r"(?:©|\(c\)|\bCopyright\b)[ \t]*(?:\d{4}[ \t]+)?([A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})"
)


# "Northwire could not independently verify", "The Daily Courier has not been able to verify":
# only the publisher checks its own material, so the subject of a failed check is the publisher.
FAILED_CHECK_SUBJECT = re.compile(
    r"((?:The\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})\s+(?:could\s+not|cannot|could\s*n[o']t|"
    r"(?:has|have|had)\s+not\s+been\s+able\s+to|(?:was|were|is)\s+unable\s+to|(?:has|have|had)\s+not)\s+"
    r"(?:(?:yet|immediately|independently)\s+){0,2}"
    r"(?:verif(?:y|ied)|confirm(?:ed)?|establish(?:ed)?|corroborate|authenticate)"
)


CHECK_VERBS = frozenset({"verify", "confirm", "establish", "corroborate", "authenticate"})
# "which could not be independently verified by Northwire": the same check in the passive voice
FAILED_CHECK_AGENT = re.compile(
    r"(?:could\s+not|cannot|could\s*n[o']t|(?:has|have|had)\s+not|(?:was|were|is)\s+not)\s+"
    r"(?:yet\s+)?(?:be\s+|been\s+)?(?:independently\s+)?"
    r"(?:verified|confirmed|established|corroborated|authenticated)\s+by\s+"
    r"((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,4})"
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
    for match in [
        *FAILED_CHECK_SUBJECT.finditer(text),
        *FAILED_CHECK_AGENT.finditer(text),
        *WIRE_DATELINE.finditer(text),
        *WIRE_CITY_LINE.finditer(text),
        *COPYRIGHT_LINE.finditer(text),
    ]:
        names.add(" ".join(match.group(1).split()).lower().removeprefix("the "))
    return names


@Language.factory(
    "purportedly_sources",
    default_config={"data_dir": SOURCES_DIR, "documents": False, "model": "default", "mode": "rules"},
    requires=["doc._.quotes", "doc._.indirect_quotes", "doc.ents"],
    assigns=["doc._.sources"],
)
def make_sources(
    nlp: Language, name: str, data_dir: str, documents: bool, model: str | None, mode: str
) -> SourceFinder:
    # outlets such as 'Bel.Ru' are cited whole only when the tokenizer keeps them one token, so
    # adding the component by name makes the same tokenizer change as load_pipeline()
    keep_dotted_names(nlp)
    return SourceFinder(nlp, name, data_dir=data_dir, documents=documents, model=model, mode=mode)


def is_outer_direct(quote) -> bool:
    """A direct quotation not nested in another (a span index needs spans that do not overlap)."""
    return quote.kind == "direct" and quote.nested_in is None
