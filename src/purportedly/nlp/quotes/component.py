"""Component ``purportedly_quotes``: direct quotes, turns and reported speech, with cue and speaker."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.model import Quote, Segment, Span
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import register_extensions
from purportedly.nlp.mentions import mention_bounds
from purportedly.nlp.quotes.attribution import Attributor, Found, tokens_between
from purportedly.nlp.quotes.filters import has_no_words, looks_like_title
from purportedly.nlp.quotes.indirect import Reported, find_reported
from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set
from purportedly.nlp.quotes.marks import find_quotes
from purportedly.nlp.quotes.quote_turns import interview_parties
from purportedly.nlp.quotes.turns import Turn, TurnFinder

register_extensions()

SKIPPED_SEGMENTS = (
    "byline", "date", "dateline", "timestamp", "boilerplate", "credit", "key_points_header", "kicker"
)
DISPLAY_SEGMENTS = {"title", "standfirst", "key_point", "heading", "caption"}
EXPLICIT_METHODS = {
    "before",
    "after",
    "dash",
    "embedded",
    "agent",
    "according",
    "label",
    "colon",
    "scare",
    "turn",
}
FIRST_PERSON = {"i", "we", "me", "us"}
PERSON_PRONOUNS = {"he", "she"}
MIN_WORDS_FOR_CONTEXT = 6  # shorter unattributed quotes are scare quotes: no speaker from context
LABEL_OWNER = -1  # owner of a turn label's tokens: never allowed as a speaker
MAX_EVENTS_BACK = 20  # speakers looked back over when a reply is attributed
EMBEDDING_CHARS = "'\u2019%)"


@dataclass
class Item:
    """A quote being built: where it is, what encloses it, and its attribution."""

    kind: str  # "direct" / "turn"
    start: int
    end: int
    paragraph: int
    segment: str
    open_at: int | None = None
    close_at: int | None = None
    parent: int | None = None
    continues: int | None = None
    turn: Turn | None = None
    found: Found | None = None
    label_speaker: str | None = None  # for turns: the speaker named by the label
    label_mention: tuple[int, int] | None = None  # char offsets of the label's speaker mention
    children: list[int] = field(default_factory=list)


@dataclass
class QuoteMatches:
    items: list[Item]
    reported: list[Reported]
    paragraphs: list[tuple[int, int, str]]


class QuoteFinder:
    """Find quotes (marks, turns, reported speech) and attribute each to a cue and a speaker mention."""

    def __init__(
        self, nlp: Language, name: str, data_dir: str = str(DATA_DIR), skip_segments: tuple = SKIPPED_SEGMENTS
    ) -> None:
        self.name = name
        self.skip_segments = set(skip_segments)
        self.attributor = Attributor(data_dir)
        self.turn_finder = TurnFinder(data_dir)
        self.reply_nouns = load_set("reply_nouns.txt", data_dir)
        self.person_nouns = load_set("person_nouns.txt", data_dir)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    # ------------------------------------------------------------------ match
    def match(self, doc: Doc) -> QuoteMatches:
        paragraphs = self._paragraphs(doc)
        allowed = [(s, e) for s, e, _ in paragraphs]
        turns = self.turn_finder.find(doc_index(doc).text, allowed)
        items = self._items(doc, paragraphs, turns)
        inside = self._tokens_inside(doc, items)
        ranges = self._token_ranges(doc, items)
        groups = self._siblings(items)
        owner = self._owners(doc, items, ranges)
        for index, item in enumerate(items):
            # the speaker is never a word of another quote, though it may be one of an enclosing quote
            attributor = self.attributor.for_quotes(owner, self._ancestors(items, index))
            item.found = self._attribute(doc, attributor, items, index, paragraphs, groups)
        reported = find_reported(doc, self.attributor.for_quotes(owner), inside, allowed)
        self._interview_speakers(doc, items, paragraphs)
        self._fill_from_context(doc, items, reported, paragraphs)
        return QuoteMatches(items, reported, paragraphs)

    def _paragraphs(self, doc: Doc) -> list[tuple[int, int, str]]:
        text = doc_index(doc).text  # Doc.text rebuilds the string on every access
        segments = doc._.segments or [Segment(kind="body", start=0, end=len(text), text=text)]
        paragraphs = []
        # the reader's segments are paragraphs already (hard-wrapped lines joined); a bare Doc's lines are
        by_line = doc._.article is None
        for segment in segments:
            if segment.kind in self.skip_segments:
                continue
            if not by_line:
                paragraphs.append((segment.start, segment.end, segment.kind))
                continue
            for line in re.finditer(r"[^\n]+", doc_index(doc).text[segment.start : segment.end]):
                if line.group().strip():
                    paragraphs.append(
                        (segment.start + line.start(), segment.start + line.end(), segment.kind)
                    )
        return paragraphs

    @staticmethod
    def _items(doc: Doc, paragraphs: list[tuple[int, int, str]], turns: list[Turn]) -> list[Item]:
        starts = [start for start, _, _ in paragraphs]

        def paragraph_of(offset: int) -> int:
            return max(0, bisect_right(starts, offset) - 1)

        items: list[Item] = []
        for turn in turns:
            k = paragraph_of(turn.start)
            items.append(Item("turn", turn.start, turn.end, k, paragraphs[k][2], turn=turn))
        marked = find_quotes(doc_index(doc).text, [(s, e) for s, e, _ in paragraphs])
        offset = len(items)
        for span in marked:
            k = paragraph_of(span.start)
            parent = span.parent + offset if span.parent is not None else None
            if parent is None:
                parent = next(
                    (t for t, it in enumerate(items[:offset]) if it.start <= span.start < it.end + 1), None
                )
            continues = span.continues + offset if span.continues is not None else None
            items.append(
                Item(
                    "direct",
                    span.start,
                    span.end,
                    k,
                    paragraphs[k][2],
                    span.open_at,
                    span.close_at,
                    parent,
                    continues,
                )
            )
        order = sorted(range(len(items)), key=lambda i: (items[i].start, -items[i].end))
        position = {old: new for new, old in enumerate(order)}
        items = [items[i] for i in order]
        for item in items:
            item.parent = position[item.parent] if item.parent is not None else None
            item.continues = position[item.continues] if item.continues is not None else None
        for index, item in enumerate(items):
            if item.parent is not None:
                items[item.parent].children.append(index)
        return items

    @staticmethod
    def _ancestors(items: list[Item], index: int) -> set[int]:
        """The indexes of the quotes enclosing item ``index``."""
        found = set()
        while items[index].parent is not None:
            index = items[index].parent
            found.add(index)
        return found

    @staticmethod
    def _owners(doc: Doc, items: list[Item], ranges: dict[int, tuple[int, int]]) -> list[int | None]:
        """For each token, the innermost quote holding it; turn labels ("Q:") belong to no one."""
        owner: list[int | None] = [None] * len(doc)
        # outer quotes first (items are sorted by start, parents before children): inner ones overwrite
        for index, (start, end) in ranges.items():
            owner[start:end] = [index] * (end - start)
        for item in items:
            if item.turn is not None:
                for token in tokens_between(doc, item.turn.label_start, item.start):
                    owner[token.i] = LABEL_OWNER
        return owner

    @staticmethod
    def _token_ranges(doc: Doc, items: list[Item]) -> dict[int, tuple[int, int]]:
        """Token ranges of every quote's words, by item index."""
        ranges = {}
        for index, item in enumerate(items):
            tokens = tokens_between(doc, item.start, item.end)
            if tokens:
                ranges[index] = (tokens[0].i, tokens[-1].i + 1)
        return ranges

    @staticmethod
    def _tokens_inside(doc: Doc, items: list[Item]) -> set[int]:
        inside: set[int] = set()
        for item in items:
            if item.parent is None:
                inside.update(t.i for t in tokens_between(doc, item.start, item.end))
        return inside

    # ------------------------------------------------------------------ attribution
    def _attribute(
        self,
        doc: Doc,
        attributor: Attributor,
        items: list[Item],
        index: int,
        paragraphs: list[tuple[int, int, str]],
        groups: dict[tuple[int | None, int], list[int]],
    ) -> Found | None:
        item = items[index]
        if item.kind == "turn":
            return self._turn_found(item)
        siblings = groups[(item.parent, item.paragraph)]
        position = siblings.index(index)
        region_start, region_end = (
            (items[item.parent].start, items[item.parent].end)
            if item.parent is not None
            else paragraphs[item.paragraph][:2]
        )
        previous_close = items[siblings[position - 1]].close_at if position > 0 else None
        start_limit = region_start if previous_close is None else previous_close + 1
        next_open = items[siblings[position + 1]].open_at if position + 1 < len(siblings) else None
        end_limit = region_end if next_open is None else min(next_open, region_end)
        quote_tokens = tokens_between(doc, item.start, item.end)
        if self._is_embedded(doc_index(doc).text, item.open_at, start_limit) and quote_tokens:
            found = attributor.embedded(doc, quote_tokens)
            # a scare quote in a headline or heading echoes the story: the speakers step matches it there
            if found is not None and not (found.method == "scare" and item.segment in DISPLAY_SEGMENTS):
                return found
        else:
            found = attributor.before(doc, item.open_at, start_limit)
            if found is not None and found.speaker is not None:
                return found
        if item.close_at is not None:
            after = attributor.after(doc, item.close_at, end_limit)
            if after is not None:
                return after
        return None

    @staticmethod
    def _siblings(items: list[Item]) -> dict[tuple[int | None, int], list[int]]:
        """Direct quotes grouped by (enclosing quote, paragraph), computed once per list of items."""
        groups: dict[tuple[int | None, int], list[int]] = {}
        for index, it in enumerate(items):
            if it.kind == "direct":
                groups.setdefault((it.parent, it.paragraph), []).append(index)
        return groups

    @staticmethod
    def _is_embedded(text: str, open_at: int, start_limit: int) -> bool:
        """Whether the quote continues a clause: the character before its mark is a word character."""
        i = open_at - 1
        while i >= start_limit and text[i].isspace():
            i -= 1
        return i >= start_limit and (text[i].isalnum() or text[i] in EMBEDDING_CHARS)

    def _turn_found(self, item: Item) -> Found:
        turn = item.turn
        found = Found("turn", f"{turn.label}:", turn.label_start, turn.label_end + 1)
        if not turn.unknown and turn.role is None:
            words = turn.label.lower().split()
            if words[-1] in self.person_nouns:  # SOLDIER: "the soldier"
                item.label_speaker = f"the {' '.join(words)}"
            else:  # IVANOV: a name
                item.label_speaker = " ".join(w.capitalize() for w in words)
            item.label_mention = (turn.label_start, turn.label_end)
        return found

    def _interview_speakers(
        self, doc: Doc, items: list[Item], paragraphs: list[tuple[int, int, str]]
    ) -> None:
        roles = [it for it in items if it.turn is not None and it.turn.role is not None]
        if not roles:
            return
        parties = interview_parties(doc, roles[0].start)
        for item in roles:
            mention = parties.get(item.turn.role)
            if mention is not None:
                item.label_speaker = doc_index(doc).text[mention[0] : mention[1]]
                item.label_mention = mention

    # ------------------------------------------------------------------ context fallbacks
    def _fill_from_context(
        self, doc: Doc, items: list[Item], reported: list[Reported], paragraphs: list[tuple[int, int, str]]
    ) -> None:
        self._share_along_chains(items)
        for index, item in enumerate(items):
            if item.kind == "turn":
                continue
            found = item.found
            if (
                found is not None
                and found.speaker_head is not None
                and doc[found.speaker_head].lower_ in FIRST_PERSON
            ):
                item.found = self._first_person(items, item)
                continue
            if found is not None and found.method == "colon" and self._is_reply(doc, found):
                item.found = self._reply(doc, items, reported, index)
                continue
            if found is not None and (found.speaker is not None or found.method in ("label",)):
                continue
            context = self._context_speaker(doc, items, reported, paragraphs, index)
            if context is not None:
                item.found = Found(
                    f"context:{context.method}",
                    found.cue if found else None,
                    found.cue_start if found else None,
                    found.cue_end if found else None,
                    context.speaker,
                    context.speaker_head,
                )
        self._share_along_chains(items)

    @staticmethod
    def _share_along_chains(items: list[Item]) -> None:
        """The pieces of a multi-paragraph quote share the first explicit attribution among them."""
        for index, item in enumerate(items):
            if item.continues is None:
                continue
            chain = [index]
            while items[chain[0]].continues is not None:
                chain.insert(0, items[chain[0]].continues)
            explicit = next(
                (
                    items[i].found
                    for i in chain
                    if _has_speaker(items[i].found) and items[i].found.method in EXPLICIT_METHODS
                ),
                None,
            )
            explicit = explicit or next((items[i].found for i in chain if _has_speaker(items[i].found)), None)
            if explicit is None:
                continue
            for i in chain:
                if not (_has_speaker(items[i].found) and items[i].found.method in EXPLICIT_METHODS):
                    items[i].found = explicit

    @staticmethod
    def _first_person(items: list[Item], item: Item) -> Found | None:
        """'I'/'we' inside a quote is the one being quoted; outside, the author: no speaker."""
        if item.parent is None:
            return None
        return _copy_outer(items[item.parent], item)

    def _is_reply(self, doc: Doc, found: Found) -> bool:
        return found.speaker_head is not None and doc[found.speaker_head].lemma_.lower() in self.reply_nouns

    @staticmethod
    def _reply(doc: Doc, items: list[Item], reported: list[Reported], index: int) -> Found | None:
        """A reply goes to the most recent speaker other than the one who just spoke (the asker)."""
        events = _speaker_events(doc, items, reported, before=items[index].start, paragraph_floor=None)
        if not events:
            return None
        asker = events[-1][1]
        for _, key, found in reversed(events):
            if key != asker:
                return Found("reply", None, None, None, found.speaker, found.speaker_head)
        return None

    def _context_speaker(self, doc, items, reported, paragraphs, index) -> Found | None:
        item = items[index]
        if item.parent is not None:
            return _copy_outer(items[item.parent], item)
        same_paragraph = _speaker_events(
            doc, items, reported, before=item.start, paragraph_floor=paragraphs[item.paragraph][0]
        )
        if same_paragraph:
            return same_paragraph[-1][2]
        words = [t for t in tokens_between(doc, item.start, item.end) if not t.is_punct]
        text = doc_index(doc).text
        starts_paragraph = not text[paragraphs[item.paragraph][0] : item.open_at or item.start].strip()
        if len(words) < MIN_WORDS_FOR_CONTEXT and not starts_paragraph:
            return None
        if item.paragraph == 0 or paragraphs[item.paragraph - 1][2] != item.segment:
            return None
        if item.continues is not None:  # the paragraph before is this quote's own: its words speak for no one
            return None
        p_start, p_end, _ = paragraphs[item.paragraph - 1]
        if doc_index(doc).text[p_start:p_end].rstrip().endswith(":"):
            colon = self._colon_paragraph(doc, p_start, p_end)
            if colon is not None:
                return colon
        previous = _speaker_events(doc, items, reported, before=p_end, paragraph_floor=p_start)
        if previous:
            return previous[-1][2]
        # "The conscript … speaks to his girlfriend." then a paragraph of quote: the one speaking
        colon = self._colon_paragraph(doc, p_start, p_end, last_sentence_only=False)
        if colon is not None or not _speaks_in_first_person(words):
            return colon
        # a feature's profile paragraph ("She lives in Lviv now.") then her words, "My father …"
        return self._introduced_person(doc, p_start, p_end)

    def _colon_paragraph(
        self, doc: Doc, p_start: int, p_end: int, last_sentence_only: bool = True
    ) -> Found | None:
        """The last cue verb of a paragraph introducing a quote paragraph ("It reads in part:")."""
        tokens = tokens_between(doc, p_start, p_end)
        if not tokens:
            return None
        last_sentence = doc_index(doc).sentence_at(tokens[-1].idx) or doc[:]
        candidates = [t for t in tokens if t.i >= last_sentence.start] if last_sentence_only else tokens
        for token in reversed(candidates):
            if self.attributor.is_cue(token):
                speaker = self.attributor.speaker_of(token)
                if speaker is not None or last_sentence_only:
                    return self.attributor.cue_found("colon_paragraph", token, speaker)
        return None

    def _introduced_person(self, doc: Doc, p_start: int, p_end: int) -> Found | None:
        """The person the last sentence of a paragraph is about: its subject, if a person."""
        tokens = tokens_between(doc, p_start, p_end)
        sentence = doc_index(doc).sentence_at(tokens[-1].idx) if tokens else None
        if sentence is None:
            return None
        subject = next((t for t in sentence if t.dep_ == "nsubj" and t.head.i == sentence.root.i), None)
        if subject is None or not self._is_person(subject):
            return None
        return Found("introduced", None, None, None, mention_bounds(subject), subject.i)

    def _is_person(self, token) -> bool:
        if token.pos_ == "PRON":
            return token.lower_ in PERSON_PRONOUNS
        return token.ent_type_ == "PERSON" or token.lemma_.lower() in self.person_nouns

    # ------------------------------------------------------------------ annotations
    def set_annotations(self, doc: Doc, matches: QuoteMatches) -> Doc:
        quotes, ids = [], {}
        text = doc_index(doc).text
        for index, item in enumerate(matches.items):
            if self._not_words(text, item):
                continue
            ids[index] = f"q{len(quotes) + 1}"
            parent = ids.get(item.parent) if item.parent is not None else None
            quotes.append(self._quote(doc, item, ids[index], parent))
        doc._.quotes = quotes
        doc._.indirect_quotes = [
            self._reported_quote(doc, r, f"r{k + 1}", matches.paragraphs)
            for k, r in enumerate(matches.reported)
        ]
        return doc

    @staticmethod
    def _not_words(text: str, item: Item) -> bool:
        """An ID, a handle or a title of a work in marks: nobody's words (``quote_filters``)."""
        if item.kind != "direct" or item.children:
            return False
        words = text[item.start : item.end]
        if has_no_words(words):
            return True
        found = item.found
        unattributed = found is None or (found.speaker is None and found.cue is None)
        embedded = item.open_at is not None and QuoteFinder._is_embedded(text, item.open_at, 0)
        return unattributed and embedded and looks_like_title(words)

    def _quote(self, doc: Doc, item: Item, quote_id: str, parent: str | None) -> Quote:
        found = item.found
        speaker, mention = None, None
        if item.label_mention is not None:
            speaker, mention = item.label_speaker, _span(doc, *item.label_mention)
        elif found is not None and found.speaker is not None:
            mention_span = doc[found.speaker[0] : found.speaker[1]]
            speaker, mention = mention_span.text, _span(doc, mention_span.start_char, mention_span.end_char)
        cue_span = (
            _span(doc, found.cue_start, found.cue_end) if found and found.cue_start is not None else None
        )
        return Quote(
            id=quote_id,
            text=doc_index(doc).text[item.start : item.end],
            start=item.start,
            end=item.end,
            kind=item.kind,
            speaker=speaker,
            speaker_mention=mention,
            cue=found.cue if found else None,
            cue_span=cue_span,
            segment=item.segment,
            nested_in=parent,
            paragraph=item.paragraph,
        )

    @staticmethod
    def _reported_quote(doc: Doc, reported: Reported, quote_id: str, paragraphs) -> Quote:
        found = reported.found
        mention = doc[found.speaker[0] : found.speaker[1]] if found.speaker else None
        k = bisect_right(paragraphs, (reported.start, float("inf"), "")) - 1
        paragraph = k if k >= 0 and paragraphs[k][0] <= reported.start < paragraphs[k][1] else None
        return Quote(
            id=quote_id,
            text=doc_index(doc).text[reported.start : reported.end],
            start=reported.start,
            end=reported.end,
            kind="indirect",
            speaker=mention.text if mention is not None else None,
            speaker_mention=_span(doc, mention.start_char, mention.end_char) if mention is not None else None,
            cue=found.cue,
            cue_span=_span(doc, found.cue_start, found.cue_end) if found.cue_start is not None else None,
            segment=paragraphs[paragraph][2] if paragraph is not None else "body",
            paragraph=paragraph,
        )


def _speaks_in_first_person(words) -> bool:
    return any(t.lower_ in FIRST_PERSON or t.lower_ in ("my", "our") for t in words)


def _span(doc: Doc, start: int, end: int) -> Span:
    return Span(text=doc_index(doc).text[start:end], start=start, end=end)


def _has_speaker(found: Found | None) -> bool:
    return found is not None and found.speaker is not None


def _copy_outer(outer: Item, item: Item) -> Found | None:
    """The enclosing quote's speaker for a nested quote (a turn's label speaker included)."""
    if outer.label_mention is not None:
        item.label_speaker, item.label_mention = outer.label_speaker, outer.label_mention
        return Found("outer", item.found.cue if item.found else None)
    return _speaker_copy(outer, "outer")


def _speaker_copy(item: Item, method: str) -> Found | None:
    if _has_speaker(item.found):
        return Found(method, None, None, None, item.found.speaker, item.found.speaker_head)
    return None


def _speaker_events(
    doc: Doc, items: list[Item], reported: list[Reported], before: int, paragraph_floor: int | None
):
    """(position, speaker key, Found) of top-level quotes and reported speech in [floor, before), in order.

    Both lists are sorted by start, so only the stretch asked for is read (no floor: the last few).
    """
    events = []
    for entries, is_item in ((items, True), (reported, False)):
        k = _last_before(entries, before)
        taken = 0
        while k >= 0 and taken < MAX_EVENTS_BACK:
            entry = entries[k]
            k -= 1
            if paragraph_floor is not None and entry.start < paragraph_floor:
                break
            if is_item and (entry.parent is not None or entry.kind != "direct"):
                continue
            if _has_speaker(entry.found):
                events.append((entry.start, _key(doc, entry.found), entry.found))
                taken += 1
    return sorted(events, key=lambda e: e[0])


def _last_before(entries: list, before: int) -> int:
    """Index of the last entry (sorted by start) starting before ``before``; -1 if none."""
    low, high = 0, len(entries)
    while low < high:
        middle = (low + high) // 2
        if entries[middle].start < before:
            low = middle + 1
        else:
            high = middle
    return low - 1


def _key(doc: Doc, found: Found) -> str:
    return doc[found.speaker[0] : found.speaker[1]].text.lower()


@Language.factory(
    "purportedly_quotes", default_config={"data_dir": str(DATA_DIR)},
    requires=["doc._.segments", "token.dep", "token.lemma"],
    assigns=["doc._.quotes", "doc._.indirect_quotes"],
)
def make_quotes(nlp: Language, name: str, data_dir: str) -> QuoteFinder:
    return QuoteFinder(nlp, name, data_dir=data_dir)
