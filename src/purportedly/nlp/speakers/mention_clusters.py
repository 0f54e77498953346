"""Group mentions of people into referents (names by surname, pronouns by recency) and name each."""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from purportedly.nlp.doc_index import doc_index
from purportedly.nlp.mentions import Mention, PersonLexicon, is_subject_like, make_mention, mention_bounds
from purportedly.nlp.speakers.name_matching import NameIndex

NAMING_VERBS = {"name", "call"}
DESCRIPTION_LOOKBACK = 400  # mentions back that a definite description may point to
PRONOUN_LOOKBACK = 40  # mentions; keeps resolution linear in document length
PRONOUN_PARAGRAPHS = 2  # a pronoun looks back over its paragraph and this many before it
GENERIC_PARAGRAPHS = 1  # "the man" looks back less far than "he"
DISTANT_PARAGRAPHS = 8  # a pronoun inside a quote with no antecedent nearby looks this far back
# A voice speaks but is not who "he"/"she" later refers to: the person it belongs to is.
VOICE_HEADS = {"voice"}


class MentionClusters:
    """Mentions of people in a Doc, clustered incrementally in text order."""

    def __init__(
        self, doc: Doc, lexicon: PersonLexicon, quote_ranges: list[tuple[int, int]], fuzzy_threshold: int
    ) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.quote_ranges = sorted(quote_ranges)
        self.by_span: dict[tuple[int, int], Mention] = {}
        self.parent: dict[int, int] = {}
        self.names = NameIndex(lexicon.titles, fuzzy_threshold)
        self.name_of_cluster: dict[int, str] = {}
        self.appositions: list[tuple[Mention, Mention]] = []
        self.by_head: dict[int, Mention] = {}
        self.members: dict[int, list[Mention]] = {}  # cluster root -> its mentions
        self._ordered: list[Mention] | None = None
        self.person_ents = {
            t: ent for ent in doc.ents if ent.label_ == "PERSON" for t in range(ent.start, ent.end)
        }
        self.paragraph_starts = [m.start() for m in re.finditer(r"[^\n]*\S[^\n]*", doc_index(doc).text)]
        self._collect()

    # ------------------------------------------------------------------ collecting
    def inside_quote(self, char: int) -> bool:
        """Whether ``char`` is inside a top-level quote (ranges sorted and disjoint)."""
        k = bisect_right(self.quote_ranges, (char, float("inf"))) - 1
        return k >= 0 and self.quote_ranges[k][0] <= char < self.quote_ranges[k][1]

    def _collect(self) -> None:
        # full names first, so that a lone surname joins the right person
        people = [e for e in self.doc.ents if e.label_ == "PERSON" and not self.inside_quote(e.start_char)]
        for ent in sorted(people, key=lambda e: -len(_name_words(e))):
            self.names.add(_name_words(ent))
        for root in _chunk_roots(self.doc):
            if self.inside_quote(root.idx):
                continue
            if self._is_person_like(root) or self._named_person(root):
                self._add_token(root)
            self._add_possessor(root)

    def _add_possessor(self, root: Token) -> None:
        """'The sergeant's wife asks when he …': the sergeant is as salient as the subject he owns."""
        owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN")), None)
        if owner is None or not self._is_person_like(owner) or owner.ent_type_ in ("ORG", "GPE", "NORP"):
            return
        start, end = mention_bounds(owner)
        if end - start > 1 and self.doc[end - 1].dep_ == "case":  # "the sergeant's": not the "'s"
            end -= 1
        possessor = make_mention(self.doc, owner, self.lexicon, bounds=(start, end))
        if not possessor.definite:  # "a man's voice", "a sapper's call": no one the story follows
            return
        mention = self.add(possessor, speaker=False)
        mention.is_subject = mention.is_subject or is_subject_like(root)

    def _is_person_like(self, token: Token) -> bool:
        pronoun = self.lexicon.pronoun(token)
        if pronoun is not None:
            return pronoun[2] == "3" and pronoun[0] != "n"
        return self.lexicon.is_person_head(token)

    def _named_person(self, token: Token) -> bool:
        """A name NER missed, set beside a person noun: 'Ivanka Moroz, the nurse's daughter,'."""
        return token.pos_ == "PROPN" and any(
            c.dep_ == "appos" and c.lemma_.lower() in self.lexicon.person_nouns for c in token.children
        )

    def _add_token(self, token: Token) -> Mention:
        return self.add(make_mention(self.doc, token, self.lexicon), speaker=False)

    def add(self, mention: Mention, speaker: bool = True) -> Mention:
        """Register ``mention`` (or return the one already at its place)."""
        key = (mention.char_start, mention.char_end)
        existing = self.by_span.get(key)
        if existing is None and mention.head >= 0:
            existing = self.by_head.get(mention.head)
        if existing is not None:
            existing.is_speaker = existing.is_speaker or speaker
            return existing
        mention.is_speaker = speaker
        mention.paragraph = max(0, bisect_right(self.paragraph_starts, mention.char_start) - 1)
        self.by_span[key] = mention
        self._ordered = None
        if mention.head >= 0:
            self.by_head[mention.head] = mention
            head = self.doc[mention.head]
            mention.person_like = (
                self._is_person_like(head)
                and head.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC")
                and not (mention.kind == "name" and self._is_organisation(mention))
            )
            for child in _apposition_candidates(head):
                # "his wife, Natalya Sazonova": a name in apposition to a person, whatever NER says
                named = child.pos_ in ("PROPN", "NOUN") and self._is_person_like(head)
                if named or self._is_person_like(child):
                    self.appositions.append((mention, self._add_token(child)))
        if mention.kind == "name" and not self._is_organisation(mention):
            self.names.add(self._mention_name(mention))
        return mention

    def _mention_name(self, mention: Mention) -> list[str]:
        head = self.doc[mention.head]
        if head.ent_type_ == "PERSON":
            ent = self.person_ents.get(head.i)
            if ent is not None:
                return _name_words(ent)
        words = [t for t in self.doc[mention.start : mention.end] if t.pos_ == "PROPN" and not t.is_space]
        return [t.text for t in words] or [head.text]

    # ------------------------------------------------------------------ clustering
    def find(self, cluster: int | None) -> int | None:
        while cluster is not None and self.parent.get(cluster, cluster) != cluster:
            cluster = self.parent[cluster]
        return cluster

    def _new_cluster(self) -> int:
        cluster = len(self.parent)
        self.parent[cluster] = cluster
        return cluster

    def _union(self, a: int | None, b: int | None) -> None:
        a, b = self.find(a), self.find(b)
        if a is not None and b is not None and a != b:
            self.parent[b] = a
            self.members.setdefault(a, []).extend(self.members.pop(b, []))
            if b in self.name_of_cluster and a not in self.name_of_cluster:
                self.name_of_cluster[a] = self.name_of_cluster[b]

    def _join(self, mention: Mention, cluster: int | None) -> None:
        mention.cluster = cluster
        if cluster is not None:
            self.members.setdefault(self.find(cluster), []).append(mention)

    def ordered(self) -> list[Mention]:
        if self._ordered is None:
            # a possessor ("the colonel") sorts before the phrase it opens ("the colonel's wife"), so that
            # looking back meets the whole phrase first
            self._ordered = sorted(self.by_span.values(), key=lambda m: (m.char_start, m.char_end))
        return self._ordered

    def resolve(self) -> None:
        """Give every mention a cluster, in text order."""
        name_clusters: dict[int, int] = {}
        mentions = self.ordered()
        partners: dict[int, list[Mention]] = {}
        for first, second in self.appositions:
            partners.setdefault(id(first), []).append(second)
            partners.setdefault(id(second), []).append(first)
        for index, mention in enumerate(mentions):
            self._join(
                mention, self._assign(mention, EarlierView(mentions, index), name_clusters, exclude=None)
            )
            for partner in partners.get(id(mention), []):
                if partner.cluster is not None and mention.cluster is not None:
                    self._union(partner.cluster, mention.cluster)

    def cluster_excluding(self, mention: Mention, outer: Mention) -> int | None:
        """A nested quote's speaker cluster, never the quoting speaker (the mention is unchanged)."""
        cluster = self.find(mention.cluster)
        excluded = self.find(outer.cluster)
        if (
            mention is outer
            or cluster != excluded
            or (mention.kind != "pronoun" and not self._is_generic(mention))
        ):
            return cluster
        mentions = self.ordered()
        return self._antecedent(
            mention, EarlierView(mentions, mentions.index(mention)), excluded, pronoun_like=True
        )

    def _assign(
        self, mention: Mention, earlier: EarlierView, name_clusters: dict[int, int], exclude: int | None
    ) -> int | None:
        if mention.kind == "name" and self._is_organisation(mention):
            return self._new_cluster()  # "Ukraine's General Staff" is not a person's name to match by surname
        if mention.kind == "name":
            index = self.names.lookup(self._mention_name(mention))
            if index is None:
                return self._new_cluster()
            if index not in name_clusters:
                name_clusters[index] = self._new_cluster()
                self.name_of_cluster[name_clusters[index]] = self.names.canonical(index)
            return name_clusters[index]
        if mention.kind == "pronoun" and mention.gender == "n":
            return None  # "it said": an organisation or a text, named by the speakers step, never a person
        if mention.kind == "pronoun":
            return self._antecedent(mention, earlier, exclude, pronoun_like=True)
        if mention.distinct or not mention.definite or mention.plural:
            return self._new_cluster()
        if self._is_generic(mention):
            found = self._generic_antecedent(mention, earlier, exclude)
        else:
            found = self._antecedent(mention, earlier, exclude, pronoun_like=False)
        return found if found is not None else self._new_cluster()

    def _generic_antecedent(self, mention: Mention, earlier: EarlierView, exclude: int | None) -> int | None:
        """'the man says': the latest man who spoke ('the man', 'a second man says'), else the latest
        one speaking nearby, else the latest subject. Speakers come first: the cousin he phones is a
        subject too."""
        for candidate in earlier.backwards(DESCRIPTION_LOOKBACK):
            cluster = self.find(candidate.cluster)
            # the latest man who spoke, as "the man" or as "a second man" (not an earlier one past him)
            if (
                candidate.is_speaker
                and cluster is not None
                and cluster != exclude
                and candidate.kind == "description"
                and candidate.head_lemma == mention.head_lemma
                and candidate.plural == mention.plural
            ):
                return cluster
        # no subject or speaker nearby: "the man" stays as said rather than take any name in reach
        # (NER's "persons" include villages: "near the village of Zarichne Pole")
        found = self._search(mention, earlier, exclude, pronoun_like=True, strict=True, speakers_only=True)
        return found if found is not None else self._search(mention, earlier, exclude, True, strict=True)

    def _is_organisation(self, mention: Mention) -> bool:
        """A proper name NER calls an organisation or place, or one that takes 'the' ('The Chronicle'),
        with nothing saying it is a person."""
        if mention.head < 0:
            return False
        words = self.doc[mention.start : mention.end]
        head = self.doc[mention.head]
        named_body = head.pos_ == "PROPN" and head.lower_ in self.lexicon.organisation_nouns
        if named_body and head.ent_type_ != "PERSON":
            return True  # "the General Staff", "Border Service": "General" is no first name here
        with_the = mention.kind == "name" and words[0].lower_ == "the" and head.pos_ == "PROPN"
        if not with_the and head.ent_type_ not in ("ORG", "GPE", "NORP", "LOC", "FAC"):
            return False
        personal = any(
            t.lower_ in self.lexicon.person_nouns
            or t.lower_ in self.lexicon.first_names
            or t.lower_.rstrip(".") in self.lexicon.titles
            for t in words
        )
        return not personal

    def _is_generic(self, mention: Mention) -> bool:
        return (
            mention.kind == "description"
            and mention.definite
            and mention.head_lemma in self.lexicon.generic_nouns
            and not mention.distinct
        )

    def _antecedent(
        self, mention: Mention, earlier: EarlierView, exclude: int | None, pronoun_like: bool
    ) -> int | None:
        found = self._search(mention, earlier, exclude, pronoun_like, strict=True)
        if found is None and pronoun_like:
            found = self._search(mention, earlier, exclude, pronoun_like, strict=False)
        return found

    def distant_antecedent(self, mention: Mention, outer: Mention) -> int | None:
        """'he said' inside someone's quote with no one near: the latest name of that gender further back,
        never the quoting speaker (a teller's "he" is often the person the story is about)."""
        if mention.kind != "pronoun" or not mention.gender:
            return None
        mentions = self.ordered()
        earlier = EarlierView(mentions, mentions.index(mention))
        excluded = self.find(outer.cluster)
        return self._search(
            mention, earlier, excluded, pronoun_like=True, strict=False, reach=DISTANT_PARAGRAPHS
        )

    def _search(
        self,
        mention: Mention,
        earlier: EarlierView,
        exclude: int | None,
        pronoun_like: bool,
        strict: bool,
        reach: int | None = None,
        speakers_only: bool = False,
    ) -> int | None:
        """Most recent compatible antecedent; strict: only subjects and speakers, else any person mention."""
        if reach is None:
            reach = PRONOUN_PARAGRAPHS if mention.kind == "pronoun" else GENERIC_PARAGRAPHS
        for candidate in earlier.backwards(PRONOUN_LOOKBACK if pronoun_like else DESCRIPTION_LOOKBACK):
            cluster = self.find(candidate.cluster)
            if cluster is None or cluster == exclude or candidate.plural != mention.plural:
                continue
            if pronoun_like:
                if mention.paragraph - candidate.paragraph > reach:
                    break
                if mention.gender and candidate.head_lemma in VOICE_HEADS:
                    continue
                if speakers_only and not candidate.is_speaker:
                    continue
                salient = (
                    candidate.is_subject or candidate.is_speaker or (not strict and candidate.kind == "name")
                )
                if salient and self._person_like(cluster) and self._gender_fits(mention.gender, cluster):
                    return cluster
            elif self._same_description(mention, candidate):
                return cluster
        return None

    @staticmethod
    def _same_description(mention: Mention, candidate: Mention) -> bool:
        """'the unnamed soldier' ~ 'an unnamed Russian soldier'; 'his mother' only ~ 'his mother'."""
        if candidate.kind != "description" or candidate.head_lemma != mention.head_lemma:
            return False
        if mention.possessor and mention.possessor != candidate.possessor:
            return False
        return mention.modifiers <= candidate.modifiers

    def _person_like(self, cluster: int) -> bool:
        """Whether any mention of the referent names a person ("the most talkative of them, Ruslan …")."""
        return any(m.person_like for m in self.members.get(cluster, []))

    def possessive_of(self, mention: Mention) -> str:
        """'his' or 'her' for the referent of ``mention`` when its mentions agree on a gender, else ''."""
        cluster = self.find(mention.cluster)
        members = self.members.get(cluster, []) if cluster is not None else [mention]
        genders = {m.gender for m in members} - {""}
        return {"m": "his", "f": "her"}.get(genders.pop(), "") if len(genders) == 1 else ""

    def _gender_fits(self, gender: str, cluster: int) -> bool:
        if not gender:
            return True
        genders = {m.gender for m in self.members.get(cluster, []) if m.kind != "pronoun"}
        return genders <= {"", gender}

    # ------------------------------------------------------------------ naming
    def best_text(self, mention: Mention, cluster: int | None | str = "own") -> str | None:
        """The most specific mention of the referent (``cluster`` if given): full name, else description."""
        cluster = self.find(mention.cluster) if cluster == "own" else cluster
        if cluster is None:
            return None if mention.kind == "pronoun" else mention.text
        if cluster in self.name_of_cluster:
            return self.name_of_cluster[cluster]
        members = [m for m in self.members.get(cluster, []) if m.kind != "pronoun"]
        if not members:
            return None
        return max(members, key=lambda m: (len(m.text.split()), -m.char_start)).text


class EarlierView:
    """The mentions before position ``index`` of a list, read backwards without copying."""

    def __init__(self, mentions: list[Mention], index: int) -> None:
        self.mentions, self.index = mentions, index

    def backwards(self, limit: int | None = None):
        low = 0 if limit is None else max(0, self.index - limit)
        for i in range(self.index - 1, low - 1, -1):
            yield self.mentions[i]


def _chunk_roots(doc: Doc) -> list[Token]:
    """The head of every noun chunk. The language's iterator gives (start, end, label) with the head
    last; building the chunks as Spans first costs a third more for the same tokens."""
    if not doc.has_annotation("DEP"):
        return []
    iterator = doc.noun_chunks_iterator
    if iterator is None:
        return [chunk.root for chunk in doc.noun_chunks]
    return [doc[end - 1] for _, end, _ in iterator(doc)]


def _apposition_candidates(head: Token) -> list[Token]:
    """Appositions of ``head``, and person names the parser hung on a place inside its
    prepositional phrase ("a woman in Kherson, Olena Marchuk, said")."""
    found = [c for c in head.children if c.dep_ == "appos"]
    for acl in (c for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in NAMING_VERBS):
        # "a retired miner named Petro Lysenko": the phrase itself gives the name
        found.extend(
            c for c in acl.children if c.dep_ in ("oprd", "dobj", "attr", "xcomp") and c.pos_ == "PROPN"
        )
    for prep in (c for c in head.children if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in ("GPE", "LOC", "FAC")):
            # the parser also reads "a pensioner from Kupiansk, Halyna Moroz," as a conjunct
            found.extend(
                c
                for c in pobj.children
                if c.dep_ in ("appos", "conj") and c.ent_type_ == "PERSON" and _after_comma(c)
            )
    return found


def _after_comma(name: Token) -> bool:
    """Whether the name's phrase follows a comma ('Kupiansk, Halyna Moroz'), not an 'and'."""
    first = name.left_edge
    return first.i > 0 and name.doc[first.i - 1].text == ","


def _name_words(span) -> list[str]:
    words = [t for t in span if not (t.is_punct or t.is_space) and t.text not in ("'s", "\u2019s")]
    # NER sometimes runs a name on into a preposition ("Ostap V. in Intercepts"): names do not end so
    while len(words) > 1 and words[-1].is_lower:
        words.pop()
    while len(words) > 1 and words[0].is_lower:
        words.pop(0)
    return [t.text for t in words]
