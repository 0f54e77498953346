"""Merge source candidates into one entry per source: aliases, surnames, transliterations, descriptions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from purportedly.model import SourceKind
from purportedly.names import name_words, same_person, source_key, strip_leading, transliteration_key
from purportedly.nlp.sources.aliases import KnownSource
from purportedly.nlp.sources.candidates import Candidate

# Kinds that keep the table's name whatever the text calls them: an intelligence service is
# written a dozen ways (SBU, SSU, Ukrainian Security Service) and the recordings registry
# groups releases across articles by its one name.
CANONICAL_NAMED_KINDS = frozenset({"intelligence_service"})
# Kinds whose name the text gives with its country ('Ukraine's Ministry of Defence').
OWNED_NAME_KINDS = frozenset({"ministry", "military", "government"})
# a possessive before a name: "Ukraine's ", "Russia’s "
POSSESSOR = re.compile(r"^[A-Z][\w.-]*(?: [A-Z][\w.-]*)*['’]s ")
ACRONYM_INSIDE = re.compile(r"\s*\([A-Z]{2,6}\)")
# 'Security Service of Ukraine (SSU)': the name without the acronym that follows it
BRACKETED_ACRONYM = re.compile(r"\s*\([A-Z]{2,6}\)$")


@dataclass
class SourceGroup:
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def start(self) -> int:
        return min(c.start for c in self.candidates)

    @property
    def known(self):
        return next((c.known for c in self.candidates if c.known is not None), None)

    @property
    def name(self) -> str:
        if self.known is not None:
            return self.known_name()
        proper = [before_acronym(c.name) for c in self.candidates if c.proper]
        if proper:
            return max(proper, key=lambda n: (len(n.split()), len(n)))
        # a description keeps its indefinite article: 'a Ukrainian linguist' is how the text
        # introduces an unnamed source; only 'the' goes
        return before_acronym(strip_the(self.candidates[0].name))

    def known_name(self) -> str:
        """The table's canonical name where the text uses it, and always for an intelligence
        service; otherwise the fullest name the text uses ('Ukraine's Ministry of Defence',
        'AFP'), so that no wording the article does not give is put in its mouth; for a body
        the text names only by descriptions, the fullest description."""
        known = self.known
        named = [c for c in self.candidates if c.known is not None]
        if all(c.by_description for c in named):
            # a body the text only describes ('Ukraine's military intelligence') keeps the text's
            # words; the canonical name goes among the aliases
            return strip_the(max((c.name for c in named), key=lambda s: (len(s.split()), len(s))))
        if known.kind in CANONICAL_NAMED_KINDS:
            return known.name
        # the text's own forms: not a description, not cut short of the name the text goes on to give
        surfaces = [
            BRACKETED_ACRONYM.sub("", c.name)
            for c in self.candidates
            if c.known is not None and c.descriptor_kind is None and not c.by_description and not c.runs_on
        ]
        surfaces = [s for s in surfaces if not s.lower().startswith("the ") or len(s.split()) > 2]
        if not surfaces or any(says_name(s, known.name) for s in surfaces):
            return known.name
        if known.kind not in OWNED_NAME_KINDS:
            # 'Ukraine's SBU' is the Security Service of Ukraine: an agency or outlet named with
            # its country is the table's body, named as the table names it
            surfaces = [s for s in surfaces if not POSSESSOR.match(s)]
        if not surfaces:
            return known.name
        return strip_the(max(surfaces, key=lambda s: (len(s.split()), len(s))))

    @property
    def owner(self) -> str | None:
        return next((c.owner for c in self.candidates if c.owner), None)

    @property
    def kind(self) -> SourceKind:
        if self.known is not None:
            return self.known.kind
        kinds = [c.kind for c in self.candidates if c.kind not in ("unknown", "person")]
        if kinds:
            return kinds[0]
        return "person" if any(c.person for c in self.candidates) else self.candidates[0].kind

    @property
    def aliases(self) -> list[str]:
        name = self.name
        seen = {source_key(name)}
        out = []
        for candidate in sorted(self.candidates, key=lambda c: c.start):
            forms = (candidate.name, before_acronym(strip_the(candidate.name)), candidate.alias)
            for surface in (*forms, *acronyms_in(candidate.name)):
                if surface and source_key(surface) not in seen:
                    seen.add(source_key(surface))
                    out.append(" ".join(surface.split()))
        if self.known is not None and source_key(self.known.name) not in seen:
            out.append(self.known.name)  # the table's canonical name, for matching across articles
        return out


def says_name(surface: str, name: str) -> bool:
    """'Ukraine's Main Intelligence Directorate' says the name 'Main Intelligence Directorate'."""
    return f" {source_key(name)} " in f" {source_key(surface)} "


def acronyms_in(name: str) -> list[str]:
    """'Security Service of Ukraine (SSU)' also gives the name 'SSU'."""
    return re.findall(r"\(([A-Z]{2,6})\)", name)


def before_acronym(name: str) -> str:
    """'United Kingdom Maritime Trade Operations (UKMTO) agency': the name is what the bracketed
    acronym follows (the acronym is an alias, the trailing noun says what the body is)."""
    head = ACRONYM_INSIDE.split(name, 1)[0].strip()
    return head if len(head.split()) > 1 and head[:1].isupper() else name


def strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def merge_candidates(
    candidates: list[Candidate],
    titles: frozenset[str],
    keep_uncited: bool = False,
    countries: frozenset[str] = frozenset(),
) -> list[SourceGroup]:
    """Group candidates that name the same source; drop groups nothing actually cites (unless
    ``keep_uncited``: then the learned decision sees them too, with ``rule_cited`` to tell).
    ``countries`` are the words a body's name may carry or leave out ('Ukraine Security Service',
    'Security Service' for the Security Service of Ukraine)."""
    candidates = resolve_descriptors(sorted(candidates, key=lambda c: c.start))
    candidates = drop_descriptions_of_names(candidates)
    groups: list[SourceGroup] = []
    by_key: dict[str, SourceGroup] = {}
    for candidate in candidates:
        group = find_group(candidate, groups, by_key, titles)
        if group is None:
            group = SourceGroup()
            groups.append(group)
        group.candidates.append(candidate)
        by_key.setdefault(group_key(candidate), group)
        if candidate.known is None:
            # 'the United Kingdom Maritime Trade Operations (UKMTO) agency', later 'UKMTO'
            for acronym in acronyms_in(candidate.alias or candidate.name):
                by_key.setdefault("name:" + source_key(acronym), group)
    groups = fold_titles_into_people(groups, titles)
    groups = fold_names_into_known_bodies(groups, countries)
    groups = fold_descriptions_into_names(groups)
    link_owners(groups, titles)
    cited = groups if keep_uncited else [g for g in groups if rule_cited(g)]
    return sorted(cited, key=lambda g: g.start)


def rule_cited(group: SourceGroup) -> bool:
    """A known name counts as cited only when a citing pattern names it ('the SBU said')."""
    return any(c.strong for c in group.candidates) or not group.known


def link_owners(groups: list[SourceGroup], titles: frozenset[str]) -> None:
    """A channel's owner is named as the text names that person elsewhere ('Shtyrkov' -> the
    source 'Anatoly Shtyrkov'), so that the channel and the blogger stay linked."""
    for group in groups:
        for candidate in group.candidates:
            if candidate.owner is None:
                continue
            words = name_words(candidate.owner, titles)
            people = [
                g
                for g in groups
                if g is not group
                and any(
                    same_person(words, name_words(c.name, titles))
                    for c in g.candidates
                    if c.proper and c.known is None
                )
            ]
            if people:
                candidate.owner = people[0].name


def fold_titles_into_people(groups: list[SourceGroup], titles: frozenset[str]) -> list[SourceGroup]:
    """'the regional governor' after 'Governor Oleh Sydor' (or 'the regional governor, Oleh Sydor'):
    a bare office refers back to the named holder the text gave that office; it is no new source."""
    kept: list[SourceGroup] = []
    for group in groups:
        office = office_word(group, titles)
        holder = None
        if office is not None:
            holders = [g for g in kept if g.start < group.start and holds_office(g, office)]
            holder = holders[-1] if holders else None
        if holder is None:
            kept.append(group)
        else:
            holder.candidates.extend(group.candidates)
    return kept


def fold_descriptions_into_names(groups: list[SourceGroup]) -> list[SourceGroup]:
    """'Russian-installed official denies ...' in a headline, 'Vadim Orlov, a Russian-installed
    official in the occupied south' in the body: a bare description that only one named source
    is described by (in its appositive or citing phrase) is that source."""
    kept: list[SourceGroup] = []
    for group in groups:
        if any(c.proper or c.known is not None for c in group.candidates):
            kept.append(group)
            continue
        wanted = strip_leading(source_key(group.candidates[0].name))
        holders = [g for g in groups if g is not group and describes(g, wanted)]
        if len(holders) == 1:
            holders[0].candidates.extend(group.candidates)
        else:
            kept.append(group)
    return kept


def describes(group: SourceGroup, description: str) -> bool:
    if not description or not any(c.proper and c.known is None for c in group.candidates):
        return False
    surfaces = [s for c in group.candidates for s in (c.alias, c.described_as) if s]
    return any(
        (k := strip_leading(source_key(s))) == description or k.startswith(description + " ")
        for s in surfaces
    )


def office_word(group: SourceGroup, titles: frozenset[str]) -> str | None:
    """The office a group of bare descriptions names ('regional governor' -> 'governor')."""
    if any(c.proper or c.known is not None for c in group.candidates):
        return None
    words = source_key(group.candidates[0].name).split()
    return words[-1] if words and words[-1] in titles else None


def holds_office(group: SourceGroup, office: str) -> bool:
    if not any(c.proper and c.known is None for c in group.candidates):
        return False
    surfaces = [s for c in group.candidates for s in (c.name, c.alias) if s]
    return any(office in source_key(s).split() for s in surfaces)


def drop_descriptions_of_names(candidates: list[Candidate]) -> list[Candidate]:
    """'pro-war bloggers X and Y said': the description belongs to the names it holds."""
    named = [(c.start, c.end) for c in candidates if c.proper]
    # adjacent counts too: 'bloggers Yelena Sadovaya' (the names follow the noun)
    # ('a HUR spokesperson' is not HUR: the spokesperson is a source beside the agency)
    return [
        c
        for c in candidates
        if c.proper or c.member or not any(s < c.end + 2 and c.start < e for s, e in named)
    ]


def group_key(candidate: Candidate) -> str:
    if candidate.known is not None:
        return "known:" + candidate.known.name
    return "name:" + source_key(candidate.name)


def fold_names_into_known_bodies(groups: list[SourceGroup], countries: frozenset[str]) -> list[SourceGroup]:
    """A known body the text names in another order or without its country ('Ukraine Security
    Service', a cut 'Security Service' for the Security Service of Ukraine) is that body: the same
    words, the country's aside. Two words at least: 'the Service' alone could be any."""
    known = [g for g in groups if g.known is not None]
    kept = []
    for group in groups:
        target = None
        if group.known is None and all(c.proper and not c.person for c in group.candidates):
            words = body_words(group.name, countries)
            target = next(
                (
                    k
                    for k in known
                    if len(words) > 1
                    and any(body_words(n, countries) == words for n in (k.known.name, *k.known.aliases))
                ),
                None,
            )
        if target is None:
            kept.append(group)
        else:
            target.candidates.extend(group.candidates)
    return kept


def body_words(name: str, countries: frozenset[str]) -> frozenset[str]:
    """The words of a body's name without articles, 'of' and country or nationality words
    ('Ukrainian' goes with 'Ukraine': the same first five letters)."""
    stems = {c[:5] for c in countries if len(c) >= 5}
    words = set(re.findall(r"[a-z]+", name.lower().replace("’", "'"))) - {"the", "of", "s", "and"}
    return frozenset(w for w in words if w not in countries and w[:5] not in stems)


def find_group(candidate, groups, by_key, titles) -> SourceGroup | None:
    group = by_key.get(group_key(candidate))
    if group is not None or not candidate.proper or candidate.known is not None:
        return group
    # "Mrs Lavrova", "Tkachuk", "Gritsenko": a later (or earlier) form of a person's name
    words = name_words(candidate.name, titles)
    for other in groups:
        for member in other.candidates:
            if member.proper and member.known is None and same_person(words, name_words(member.name, titles)):
                candidate.person = True
                return other
    return first_name_group(candidate, words, groups, titles)


def first_name_group(candidate, words: list[str], groups, titles) -> SourceGroup | None:
    """'Father Petro' after 'Father Petro Savchenko': a titled first name names the one person
    with that first name (a bare 'Petro' is left alone: it may be a surname)."""
    if len(words) != 1 or len(candidate.name.split()) < 2:
        return None
    first = transliteration_key(words[0])
    matching = []
    for other in groups:
        for member in other.candidates:
            member_words = name_words(member.name, titles) if member.proper and member.known is None else []
            if len(member_words) > 1 and transliteration_key(member_words[0]) == first:
                matching.append(other)
                break
    if len(matching) != 1:
        return None
    candidate.person = True
    return matching[0]


def resolve_descriptors(candidates: list[Candidate]) -> list[Candidate]:
    """ "Ukrainian intelligence" -> the intelligence service the article names nearby, or dropped."""
    named = [c for c in candidates if c.known is not None and c.known.kind != "unknown"]
    resolved = []
    for candidate in candidates:
        if candidate.descriptor_kind is None:
            resolved.append(candidate)
            continue
        known = pick_referent(candidate, named)
        if known is not None:
            resolved.append(
                Candidate(
                    candidate.start,
                    candidate.end,
                    candidate.name,
                    None,
                    known.kind,
                    known=known,
                    proper=True,
                    strong=candidate.strong,
                    how="descriptor" if candidate.how == "alias" else candidate.how,
                    verb=candidate.verb,
                    by_description=True,
                )
            )
    return resolved


def pick_referent(descriptor: Candidate, named: list[Candidate]) -> KnownSource | None:
    """The named body a description stands for. One that names a particular body ('Ukraine's
    military intelligence': HUR) is that body, or another the article names that shares a word
    with it; never a body it shares no head word with ('the SBU', the only service named), and
    when the article names no fitting body, the body it names itself."""
    same_kind = [c for c in named if c.known.kind == descriptor.descriptor_kind]
    if descriptor.prefer:
        preferred = [c for c in same_kind if c.known.name == descriptor.prefer]
        if preferred:
            return preferred[0].known
        same_kind = [c for c in same_kind if shares_head_word(descriptor.name, c.known)]
        if not same_kind:
            return descriptor.prefer_known
    before = [c for c in same_kind if c.start < descriptor.start]
    if before:
        return before[-1].known
    return same_kind[0].known if same_kind else None


def shares_head_word(description: str, known: KnownSource) -> bool:
    """'military intelligence' and 'Defence Intelligence of Ukraine' share one; 'Security Service of
    Ukraine' does not. A description's first word is its country or article ('Ukraine's', 'the')."""
    words = set(re.findall(r"[a-z]+", description.lower())[1:]) - {"the", "s"}
    names = " ".join((known.name, *known.aliases)).lower()
    return bool(words & set(re.findall(r"[a-z]+", names)))
