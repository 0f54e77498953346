"""Group entity mentions into clusters: exact keys, demonyms, rivers, surnames, transliterations."""

from __future__ import annotations

import re

from purportedly.names import Transliterator, surface_key
from purportedly.nlp.entities.aliases import Cluster, Mention, similar

# ORG names that may be shortened to a prefix or suffix of their full form
MIN_PARTIAL_WORDS = 2
# the Arabic article before a surname: 'Mr Qudra' is 'Ashraf al-Qudra'
OF_WORDS = frozenset({"of", "for", "in", "on", "at", "and", "the"})
SURNAME_PARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ul)-")


def bare_surname(word_key: str) -> str:
    return SURNAME_PARTICLE.sub("", word_key)


def cluster_by_key(mentions: list[Mention]) -> list[Cluster]:
    """First pass: mentions with the same canonical or surface key form one cluster."""
    clusters: dict[str, Cluster] = {}
    for mention in mentions:
        key = surface_key(mention.canonical or mention.text)
        if key not in clusters:
            clusters[key] = Cluster([], canonical=mention.canonical)
        cluster = clusters[key]
        cluster.mentions.append(mention)
        cluster.canonical = cluster.canonical or mention.canonical
    return list(clusters.values())


def _absorb(target: Cluster, source: Cluster) -> None:
    target.mentions.extend(source.mentions)
    source.mentions = []


def merge_region_bases(clusters: list[Cluster], capital_regions: frozenset[str] = frozenset()) -> None:
    """'Siverka' joins 'Siverka river'; 'North Kordofan' joins 'North Kordofan province'. A bare
    'Bryansk' stays apart from 'Bryansk region': a region named after its capital (the list of
    ``capital_regions``) is often the city when named alone."""
    bases: dict[str, Cluster] = {}
    for cluster in clusters:
        canonical = cluster.canonical or ""
        for suffix in (" river", " region"):
            base = surface_key(canonical)[: -len(suffix)] if canonical.endswith(suffix) else ""
            if base and (suffix == " river" or base not in capital_regions):
                bases.setdefault(base, cluster)
    for cluster in clusters:
        if not cluster.mentions or cluster.canonical or cluster.label == "PERSON":
            continue
        key = surface_key(cluster.mentions[0].text)
        target = bases.get(key)
        if target is not None and target is not cluster:
            _absorb(target, cluster)


def merge_partial_names(clusters: list[Cluster]) -> None:
    """'Defence Ministry' / 'Coordination Headquarters' join the one longer ORG they shorten."""
    index: dict[tuple[str, ...], list[Cluster]] = {}
    for cluster in clusters:
        for surface in {*cluster.surfaces, cluster.canonical or ""}:
            longer = tuple(surface_key(surface).split())
            for size in range(MIN_PARTIAL_WORDS, len(longer)):
                for part in (longer[:size], longer[-size:]):
                    hosts = index.setdefault(part, [])
                    if not hosts or hosts[-1] is not cluster:
                        hosts.append(cluster)
    for cluster in clusters:
        if not cluster.mentions or cluster.label not in ("ORG", "OTHER", "PRODUCT", "PERSON"):
            continue
        words = tuple(surface_key(cluster.mentions[0].text).split())
        if len(words) < MIN_PARTIAL_WORDS:
            continue
        hosts = {id(h): h for h in index.get(words, []) if h is not cluster and h.mentions}
        if cluster.label == "PERSON":
            # 'the Syrian Observatory said' reads as a person to the context rule; the short form of
            # a much longer organisation's name is that organisation
            hosts = {k: h for k, h in hosts.items() if h.label == "ORG" and _words(h) > len(words) + 1}
        if len(hosts) == 1:
            host = next(iter(hosts.values()))
            if cluster.label == "PERSON":
                for mention in cluster.mentions:
                    mention.label = host.label
            _absorb(host, cluster)


def _words(cluster: Cluster) -> int:
    return max(len(s.split()) for s in cluster.surfaces)


def merge_head_words(clusters: list[Cluster]) -> None:
    """'the Observatory' is the one 'Syrian Observatory for Human Rights': a lone capitalised word
    that is a later word of exactly one multi-word organisation's name (never its first word,
    which is usually a place or people: 'Syrian', 'Russian')."""
    hosts_of: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        if cluster.mentions and cluster.label == "ORG":
            for surface in {*cluster.surfaces}:
                words = surface_key(surface).split()
                if len(words) == 2 and cluster.canonical:
                    # a known outlet or body by its last word: 'the Post' of 'The Washington Post'
                    hosts_of.setdefault(words[1], []).append(cluster)
                if len(words) >= 3:
                    # a word after 'of' names another thing: 'Ukraine' in 'Security Service of Ukraine'
                    for before, word in set(zip(words, words[1:], strict=False)):
                        if before not in OF_WORDS:
                            hosts_of.setdefault(word, []).append(cluster)
    for cluster in clusters:
        if not cluster.mentions or cluster.canonical or cluster.label not in ("ORG", "OTHER", "PERSON"):
            continue
        words = {surface_key(s) for s in cluster.surfaces}
        if len(words) != 1 or len(next(iter(words)).split()) != 1:
            continue
        hosts = {id(h): h for h in hosts_of.get(next(iter(words)), []) if h is not cluster and h.mentions}
        if len(hosts) == 1:
            _absorb(next(iter(hosts.values())), cluster)


ACRONYM_KEY = re.compile(r"^[A-Z]{2,6}$")
INITIALS_SKIPPED = frozenset({"of", "the", "and", "for", "de", "du", "la", "le"})


def initials(name: str) -> str:
    """'Democratic Republic of the Congo' -> 'DRC'; a short all-caps word gives all its letters
    ('DR Congo' -> 'DRC')."""
    letters = []
    for word in re.split(r"[\s\-]+", name):
        if not word or word.lower() in INITIALS_SKIPPED:
            continue
        letters.append(word if word.isupper() and len(word) <= 3 else word[0].upper())
    return "".join(letters)


def merge_acronyms(clusters: list[Cluster]) -> None:
    """'NRF' is the one 'National Resistance Front' (or 'NR Front') of the article: an acronym
    alone joins the single longer name whose initials it is."""
    by_initials: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        for surface in {*cluster.surfaces}:
            if len(surface.split()) >= 2:
                hosts = by_initials.setdefault(initials(surface), [])
                if cluster not in hosts:
                    hosts.append(cluster)
    for cluster in clusters:
        surfaces = {*cluster.surfaces}
        if not cluster.mentions or cluster.canonical or len(surfaces) != 1:
            continue
        acronym = next(iter(surfaces))
        hosts = [h for h in by_initials.get(acronym, []) if h is not cluster and h.mentions]
        if ACRONYM_KEY.match(acronym) and len(hosts) == 1:
            _absorb(hosts[0], cluster)


class PersonMerger:
    """Merge person clusters: transliterated full names, then surnames, first names, nicknames.

    Keys are computed once per cluster and people are bucketed by their words' initials, so the
    work grows with the number of names, not with its square.
    """

    def __init__(self, transliterator: Transliterator, fuzzy_threshold: float = 88.0) -> None:
        self.translit = transliterator
        self.threshold = fuzzy_threshold
        self.keys: dict[int, list[str]] = {}

    def merge(self, clusters: list[Cluster]) -> None:
        people = [c for c in clusters if c.mentions and c.label == "PERSON" and self._full_name(c)]
        for person in people:
            self.keys[id(person)] = self._name_key(self._full_name(person) or "")
        people = self._merge_full_names(people)
        people = self._merge_name_prefixes(people)
        by_last = self._bucket(people, -1)
        by_first = self._bucket(people, 0)
        for cluster in clusters:
            if cluster.mentions and id(cluster) not in self.keys and not cluster.canonical:
                host = self._host_for_single(cluster, by_first, by_last) or self._host_for_mislabelled(
                    cluster, by_last
                )
                if host is not None:
                    _absorb(host, cluster)

    def _name_key(self, name: str) -> list[str]:
        """Word keys of a full name; the first name through its variants ('Oleksandr' = 'Alexander')."""
        key = self.translit.key(name).split()
        if len(key) >= 2:
            key[0] = self.translit.first_name_key(surface_key(name).split()[0])
        return key

    def _bucket(self, people: list[Cluster], position: int) -> dict[str, list[Cluster]]:
        buckets: dict[str, list[Cluster]] = {}
        for person in people:
            word = self.keys[id(person)][position]
            buckets.setdefault(bare_surname(word)[:1] if position == -1 else word[:1], []).append(person)
        return buckets

    @staticmethod
    def _full_name(cluster: Cluster) -> str | None:
        names = [m.text for m in cluster.mentions if len(m.text.split()) >= 2]
        return max(names, key=len) if names else None

    def _merge_full_names(self, people: list[Cluster]) -> list[Cluster]:
        kept: dict[tuple[int, str], list[Cluster]] = {}
        for person in people:
            key = self.keys[id(person)]
            bucket = kept.setdefault((len(key), key[-1][:1]), [])
            host = next((other for other in bucket if self._same_key(self.keys[id(other)], key)), None)
            if host is None:
                bucket.append(person)
            else:
                _absorb(host, person)
        return [person for bucket in kept.values() for person in bucket]

    def _merge_name_prefixes(self, people: list[Cluster]) -> list[Cluster]:
        """'Ivan Petrovich' is 'Ivan Petrovich Sokolov': given name and patronymic, the one person
        whose fuller name starts with them (two such people: left apart)."""
        kept = []
        for person in people:
            key = self.keys[id(person)]
            hosts = [
                other
                for other in people
                if other is not person
                and len(self.keys[id(other)]) > len(key)
                and self._same_key(self.keys[id(other)][: len(key)], key)
            ]
            longest = {len(self.keys[id(h)]) for h in hosts}
            if hosts and len(hosts) == 1 and longest:
                _absorb(hosts[0], person)
            else:
                kept.append(person)
        return kept

    def _same_key(self, key_a: list[str], key_b: list[str]) -> bool:
        # every word must agree: 'Olga Vetrova' is not 'Pavel Vetrova'
        return len(key_a) == len(key_b) and all(
            similar(x, y, self.threshold) for x, y in zip(key_a, key_b, strict=True)
        )

    def _host_for_mislabelled(self, cluster: Cluster, by_last: dict[str, list[Cluster]]) -> Cluster | None:
        """'Aleksei Schetinin' tagged ORG is still the person 'Alexei Shchetinin'."""
        name = self._full_name(cluster)
        if not name:
            return None
        key = self._name_key(name)
        hosts = by_last.get(bare_surname(key[-1])[:1], [])
        return next((p for p in hosts if self._same_key(self.keys[id(p)], key)), None)

    def _host_for_single(
        self, cluster: Cluster, by_first: dict[str, list[Cluster]], by_last: dict[str, list[Cluster]]
    ) -> Cluster | None:
        words = [w for m in cluster.mentions for w in [surface_key(m.text)] if w]
        if not words or any(len(w.split()) != 1 for w in words):
            return None
        key = bare_surname(self.translit.word_key(words[0]))
        first_key = self.translit.first_name_key(words[0])
        surnames = by_last.get(key[:1], [])
        first_names = by_first.get(first_key[:1], [])
        for pool, test in (
            (surnames, lambda name: bare_surname(name[-1]) == key),
            (first_names, lambda name: name[0] == first_key),
            # 'Sasha' -> 'alexander', written 'Aleksandr'
            (first_names, lambda name: similar(name[0], first_key, self.threshold)),
            # a misspelt surname ('Vetorva'); equal length keeps 'Lavrova' off 'Lavrov'
            (
                surnames,
                lambda name: len(bare_surname(name[-1])) == len(key)
                and similar(bare_surname(name[-1]), key, self.threshold - 3),
            ),
        ):
            hosts = [p for p in pool if p.mentions and test(self.keys[id(p)])]
            if hosts:
                return max(hosts, key=lambda p: (len(p.mentions), -p.mentions[0].start))
        return None


def build_clusters(
    mentions: list[Mention], transliterator: Transliterator, capital_regions: frozenset[str] = frozenset()
) -> list[Cluster]:
    clusters = cluster_by_key(sorted(mentions, key=lambda m: m.start))
    merge_region_bases(clusters, capital_regions)
    # short forms of organisations first: 'the Syrian Observatory said' is no person to take 'Syria'
    merge_partial_names(clusters)
    PersonMerger(transliterator).merge(clusters)
    merge_head_words(clusters)
    merge_acronyms(clusters)
    kept = [c for c in clusters if c.mentions and not all(m.weak for m in c.mentions)]
    return sorted(kept, key=lambda c: min(m.start for m in c.mentions))
