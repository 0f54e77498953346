"""Component ``purportedly_speakers``: resolve each quote's speaker to its most specific mention."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.model import Quote, Span
from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.extensions import get_list, register_extensions
from purportedly.nlp.mentions import Mention, PersonLexicon, make_mention, mention_bounds
from purportedly.nlp.quotes.echoes import borrow_from_matching_quotes, repeat_speakers
from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set
from purportedly.nlp.speakers.checks import SpeakerChecks
from purportedly.nlp.speakers.mention_clusters import MentionClusters
from purportedly.nlp.speakers.nested import local_antecedent
from purportedly.nlp.speakers.organisations import OrganisationNamer
from purportedly.nlp.speakers.owners import SpeakerOwners
from purportedly.nlp.speakers.turn_hosts import TurnHosts

register_extensions()

DISPLAY_SEGMENTS = {"title", "standfirst", "key_point", "heading", "caption"}
# "my father" is the quoting speaker's own father; "our captain" a group's, left as said
FIRST_PERSON_POSSESSIVES = {"my"}


@dataclass
class SpeakerMatches:
    resolved: dict[str, str | None]  # quote id -> speaker (None: names no one)
    mentions: dict[str, Span]  # quote id -> the mention resolved, where it is not the quote's own


UNKNOWN = Mention(-1, -1, -1, "", -1, -1, "unknown")  # a speaker mention that names no one


class SpeakerResolver:
    """Replace each quote's speaker mention by the most specific mention of the same referent.

    Pronouns go to the most recent compatible person, definite descriptions to an earlier
    fuller description with the same head, surnames to the full name (tolerating spelling
    variants). Identifications ("whom the SBU identified as …") are never followed, so a
    speaker is never named by an identification the article may dispute. A quote without
    attribution whose words recur in an attributed quote takes that quote's speaker.
    """

    def __init__(
        self, nlp: Language, name: str, data_dir: str = str(DATA_DIR), fuzzy_threshold: int = 80
    ) -> None:
        self.name = name
        self.lexicon = PersonLexicon(data_dir)
        self.fuzzy_threshold = fuzzy_threshold
        self.organisations = OrganisationNamer(load_set("organisation_nouns.txt", data_dir))
        self.owners = SpeakerOwners(data_dir)
        self.checks = SpeakerChecks(data_dir)
        self.text_cues = load_set("text_cues.txt", data_dir)
        self.hosts = TurnHosts(data_dir)

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> SpeakerMatches:
        """Resolved speakers by quote id, and the mentions that replace the ones the quote step found."""
        quotes = get_list(doc, "quotes")
        reported = get_list(doc, "indirect_quotes")
        if not quotes and not reported:
            return SpeakerMatches({}, {})
        clusters = MentionClusters(doc, self.lexicon, self._quote_ranges(quotes), self.fuzzy_threshold)
        mentions: dict[str, Mention] = {}
        unknown: list[str] = []  # quotes whose speaker mention turned out to name no one
        for quote in quotes + reported:
            mention = self._speaker_mention(doc, quote, clusters)
            if mention is UNKNOWN:
                unknown.append(quote.id)
            elif mention is not None:
                mentions[quote.id] = clusters.add(mention)
        clusters.resolve()
        by_id = {q.id: q for q in quotes}
        resolved = {}
        for quote_id, mention in mentions.items():
            quote = by_id.get(quote_id)
            cluster: int | None | str = "own"
            local = self._inside_outer(doc, quote, by_id)
            if local is not None:
                resolved[quote_id] = clusters.best_text(clusters.add(local, speaker=False)) or local.text
                continue
            if quote is not None and quote.nested_in in mentions:
                relative = self._quoted_relative(clusters, mention, mentions[quote.nested_in])
                if relative is not None:
                    resolved[quote_id] = relative
                    continue
                cluster = clusters.cluster_excluding(mention, mentions[quote.nested_in])
                if cluster is None:
                    cluster = clusters.distant_antecedent(mention, mentions[quote.nested_in])
            resolved[quote_id] = self._organisation(doc, mention) or clusters.best_text(mention, cluster)
        resolved.update(dict.fromkeys(unknown))
        self._name_labels(doc, quotes, resolved, clusters)
        repeat_speakers(quotes, resolved)
        borrow_from_matching_quotes(quotes, resolved, self._headline_noun)
        return SpeakerMatches(resolved, _moved_mentions(doc, quotes + reported, mentions))

    def set_annotations(self, doc: Doc, matches: SpeakerMatches) -> Doc:
        quotes, reported = get_list(doc, "quotes"), get_list(doc, "indirect_quotes")
        for quote in quotes + reported:
            if quote.id in matches.resolved:
                quote.speaker = matches.resolved[quote.id]
            if quote.id in matches.mentions:  # the author of 'A post said', the poster before a colon
                quote.speaker_mention = matches.mentions[quote.id]
        # assigned back: that writes the change into the Doc's plain data
        doc._.quotes, doc._.indirect_quotes = quotes, reported
        return doc

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _quote_ranges(quotes: list[Quote]) -> list[tuple[int, int]]:
        # a turn's label ("MOTHER: Tolik! …") is not a mention of anyone in the running text
        return [
            (q.cue_span.start if q.kind == "turn" and q.cue_span else q.start, q.end)
            for q in quotes
            if q.nested_in is None
        ]

    def _speaker_mention(self, doc: Doc, quote: Quote, clusters: MentionClusters) -> Mention | None:
        """The mention to resolve for ``quote``; UNKNOWN when the one found cannot be a speaker."""
        announced = self.checks.announced_by(doc, quote)
        if announced is not None:  # a press release quoted whole: "The Service reports: …"
            return make_mention(doc, announced, self.lexicon)
        introducer = self._introducer(doc, quote)
        if introducer is not None:  # "Channel X posted the clip with this text:" then the quote
            return make_mention(doc, introducer, self.lexicon)
        if self.checks.silenced_just_before(doc, quote):
            return UNKNOWN
        span = quote.speaker_mention
        if span is None:
            return None
        if quote.speaker and quote.speaker.lower() == f"the {span.text.lower()}":  # label "SOLDIER"
            return self._label_mention(span, quote.speaker)
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None or not len(tokens):
            return None
        mention = make_mention(doc, tokens.root, self.lexicon, bounds=(tokens.start, tokens.end))
        # a speaker guessed from the sentence before ("The third family declined to speak.") said nothing
        if quote.cue is None and quote.kind != "turn" and self.checks.did_not_speak(tokens.root):
            return UNKNOWN
        return self._author(doc, quote, mention, clusters)

    def _inside_outer(self, doc: Doc, quote: Quote | None, by_id: dict[str, Quote]) -> Mention | None:
        """'She told me, and I'm quoting her, "…"' inside a turn: the person the turn itself names."""
        if quote is None or quote.nested_in not in by_id or quote.speaker_mention is None:
            return None
        tokens = doc.char_span(
            quote.speaker_mention.start, quote.speaker_mention.end, alignment_mode="expand"
        )
        if tokens is None or len(tokens) != 1:
            return None
        pronoun = make_mention(doc, tokens.root, self.lexicon)
        return local_antecedent(doc, pronoun, by_id[quote.nested_in].start, self.lexicon)

    def _introducer(self, doc: Doc, quote: Quote):
        if quote.kind != "direct" or quote.cue is not None or quote.nested_in is not None:
            return None
        return self.owners.introduced_by(doc, quote.start) or self.checks.spoke_just_before(
            doc, quote, self.owners.is_author
        )

    def _author(self, doc: Doc, quote: Quote, mention: Mention, clusters: MentionClusters) -> Mention | None:
        """'A post said', 'his voice says': the author or owner speaks; a text with none names no one."""
        if mention.head < 0:
            return mention
        head = doc[mention.head]
        if (
            mention.kind == "pronoun"
            and head.lower_ == "it"
            and self._cue_lemma(doc, quote) in self.text_cues
        ):
            return UNKNOWN  # "it reads '…'": the writing speaks, and who wrote it is not said
        if mention.kind != "description":
            return mention
        if not (self.owners.is_text(head) or self.owners.is_voice(head)):
            return mention
        owner = self.owners.owner(head, lambda token: clusters.inside_quote(token.idx))
        if owner is None:  # "a male voice says" stays as said; "a short note" names no one
            return mention if head.lemma_.lower() in self.lexicon.person_nouns else UNKNOWN
        start, end = mention_bounds(owner)
        if end - start > 1 and doc[end - 1].dep_ == "case":  # "the ministry's": not the "'s"
            end -= 1
        return make_mention(doc, owner, self.lexicon, bounds=(start, end))

    @staticmethod
    def _cue_lemma(doc: Doc, quote: Quote) -> str:
        span = quote.cue_span
        tokens = doc.char_span(span.start, span.end, alignment_mode="expand") if span else None
        return tokens[0].lemma_.lower() if tokens is not None and len(tokens) else ""

    def _name_labels(self, doc: Doc, quotes: list[Quote], resolved: dict[str, str | None], clusters) -> None:
        """Transcript labels as the text names them: 'MARIANA LEVYTSKA:' -> 'Mariana Levytska',
        'HOST:' -> the name the intro gives the host ('Presented by Helen Marsh')."""
        turns = [q for q in quotes if q.kind == "turn" and q.cue_span is not None]
        intro = doc_index(doc).text[: min((q.cue_span.start for q in turns), default=0)]
        for quote in turns:
            speaker = resolved.get(quote.id)
            legend = self.hosts.legend_for(quote.cue or "", intro)
            if legend is not None:  # the transcript's own key: "(W)=Woman"
                resolved[quote.id] = legend
                continue
            if self.hosts.is_role(quote.cue or ""):
                name = self.hosts.name_for(quote.cue or "", intro)
                speaker = name or f"the {(quote.cue or '').rstrip(':').strip().lower()}"
            elif not speaker or not speaker.isupper():
                continue
            index = clusters.names.lookup(speaker.split()) if speaker[:1].isupper() else None
            if index is not None:
                resolved[quote.id] = clusters.names.canonical(index)
            elif speaker.isupper():
                resolved[quote.id] = " ".join(w.capitalize() for w in speaker.split())
            else:
                resolved[quote.id] = speaker

    @staticmethod
    def _quoted_relative(clusters: MentionClusters, mention: Mention, outer: Mention) -> str | None:
        """'My father' quoted by someone: that speaker's father ("her father, Petro …"), not the words."""
        if mention.kind != "description" or mention.possessor not in FIRST_PERSON_POSSESSIVES:
            return None
        speaker = clusters.best_text(outer)
        if not speaker:
            return None
        owners = {clusters.possessive_of(outer)} | {w.lower() for w in speaker.split() if len(w) > 2}
        owners.discard("")
        relatives = [
            m
            for m in clusters.ordered()
            if m.kind == "description"
            and m.head_lemma == mention.head_lemma
            and m.possessor
            and set(m.possessor.replace("'s", " ").replace("\u2019s", " ").split()) & owners
        ]
        if relatives:
            nearest = min(relatives, key=lambda m: abs(m.char_start - mention.char_start))
            return clusters.best_text(nearest)
        relation = " ".join(mention.text.split()[1:])
        return f"{speaker}'s {relation}" if relation else None

    def _organisation(self, doc: Doc, mention: Mention) -> str | None:
        """'it said' or 'the service said': the organisation named just before, when there is one."""
        if mention.head < 0:
            return None
        head = doc[mention.head]
        if mention.kind == "pronoun" and head.lower_ in ("it", "its") and mention.cluster is None:
            return self.organisations.name_for_it(doc, head.i)
        if mention.kind == "description" and self.organisations.is_organisation_noun(head):
            return self.organisations.name_for_noun(doc, head)
        return None

    def _label_mention(self, span, description: str) -> Mention:
        """A transcript label ("SOLDIER") read as the definite description "the soldier"."""
        words = description.lower().split()
        head = words[-1]
        return Mention(
            start=-1,
            end=-1,
            head=-1,
            text=description,
            char_start=span.start,
            char_end=span.end,
            kind="description",
            gender=self.lexicon.person_nouns.get(head, ""),
            definite=True,
            modifiers=set(words[1:-1]) - self.lexicon.loose_modifiers,
            head_lemma=head,
        )

    def _headline_noun(self, quote: Quote) -> bool:
        """'Soldier says …' or '"…": a translator on …' in a headline: a noun the story names more fully."""
        mention = quote.speaker_mention
        if quote.segment not in DISPLAY_SEGMENTS or mention is None:
            return False
        words = mention.text.lower().split()
        if len(words) > 1:  # "'…': a translator on …": the story names the translator
            return words[0] in ("a", "an") and words[-1] in self.lexicon.person_nouns
        return mention.text.lower() in self.lexicon.person_nouns


def _moved_mentions(doc: Doc, quotes: list[Quote], mentions: dict[str, Mention]) -> dict[str, Span]:
    """Spans of the mentions resolved in place of a quote's own (an author found for a text)."""
    moved = {}
    for quote in quotes:
        mention = mentions.get(quote.id)
        own = quote.speaker_mention
        if mention is None or mention.head < 0 or mention.char_start < 0:
            continue
        if own is None or not own.start <= doc[mention.head].idx < own.end:
            text = doc_index(doc).text[mention.char_start : mention.char_end]
            moved[quote.id] = Span(text=text, start=mention.char_start, end=mention.char_end)
    return moved


@Language.factory(
    "purportedly_speakers", default_config={"data_dir": str(DATA_DIR), "fuzzy_threshold": 80},
    requires=["doc._.quotes", "doc._.indirect_quotes", "token.dep"],
    assigns=["doc._.quotes", "doc._.indirect_quotes"],
)
def make_speakers(nlp: Language, name: str, data_dir: str, fuzzy_threshold: int) -> SpeakerResolver:
    return SpeakerResolver(nlp, name, data_dir=data_dir, fuzzy_threshold=fuzzy_threshold)
