"""Group entity mentions into clusters: exact keys, demonyms, regions, surnames, transliterations."""

from __future__ import annotations

from purportedly.nlp.aliases import Cluster, Mention, Transliterator, similar, surface_key

# ORG names that may be shortened to a prefix or suffix of their full form
MIN_PARTIAL_WORDS = 2


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


def merge_region_bases(clusters: list[Cluster]) -> None:
    """'Siverka' joins 'Siverka river'. A bare 'Bryansk' stays apart from 'Bryansk region': often the city."""
    rivers = {
        surface_key(c.canonical)[: -len(" river")]: c
        for c in clusters
        if c.canonical and c.canonical.endswith(" river")
    }
    for cluster in clusters:
        if not cluster.mentions or cluster.canonical:
            continue
        key = surface_key(cluster.mentions[0].text)
        target = rivers.get(key)
        if target is not None and target is not cluster:
            _absorb(target, cluster)


def merge_partial_names(clusters: list[Cluster]) -> None:
    """'Defence Ministry' / 'Coordination Headquarters' join the one longer ORG they shorten."""
    for cluster in clusters:
        if not cluster.mentions or cluster.label not in ("ORG", "OTHER", "PRODUCT"):
            continue
        words = surface_key(cluster.mentions[0].text).split()
        if len(words) < MIN_PARTIAL_WORDS:
            continue
        hosts = [
            other
            for other in clusters
            if other is not cluster and other.mentions and _has_partial(other, words)
        ]
        if len(hosts) == 1:
            _absorb(hosts[0], cluster)


def _has_partial(cluster: Cluster, words: list[str]) -> bool:
    for surface in [*cluster.surfaces, cluster.canonical or ""]:
        longer = surface_key(surface).split()
        if len(longer) > len(words) and (longer[: len(words)] == words or longer[-len(words) :] == words):
            return True
    return False


class PersonMerger:
    """Merge person clusters: transliterated full names, then surnames, first names, nicknames."""

    def __init__(self, transliterator: Transliterator, fuzzy_threshold: float = 88.0) -> None:
        self.translit = transliterator
        self.threshold = fuzzy_threshold

    def merge(self, clusters: list[Cluster]) -> None:
        people = [c for c in clusters if c.mentions and c.label == "PERSON" and self._full_name(c)]
        self._merge_full_names(people)
        people = [c for c in people if c.mentions]
        for cluster in clusters:
            if cluster.mentions and cluster not in people and not cluster.canonical:
                host = self._host_for_single(cluster, people) or self._host_for_mislabelled(cluster, people)
                if host is not None:
                    _absorb(host, cluster)

    def _host_for_mislabelled(self, cluster: Cluster, people: list[Cluster]) -> Cluster | None:
        """'Evgenii Schukin' tagged ORG is still the person 'Yevgeny Shchukin'."""
        if not self._full_name(cluster):
            return None
        return next((p for p in people if self._same_person(p, cluster)), None)

    def _full_name(self, cluster: Cluster) -> str | None:
        names = [m.text for m in cluster.mentions if len(m.text.split()) >= 2]
        return max(names, key=len) if names else None

    def _merge_full_names(self, people: list[Cluster]) -> None:
        for i, first in enumerate(people):
            for second in people[i + 1 :]:
                if first.mentions and second.mentions and self._same_person(first, second):
                    _absorb(first, second)

    def _same_person(self, a: Cluster, b: Cluster) -> bool:
        key_a = self.translit.key(self._full_name(a) or "").split()
        key_b = self.translit.key(self._full_name(b) or "").split()
        if not key_a or not key_b or len(key_a) != len(key_b):
            return False
        # every word must agree: 'Larisa Morozyuk' is not 'Gennady Morozyuk'
        return all(similar(x, y, self.threshold) for x, y in zip(key_a, key_b, strict=True))

    def _host_for_single(self, cluster: Cluster, people: list[Cluster]) -> Cluster | None:
        words = [w for m in cluster.mentions for w in [surface_key(m.text)] if w]
        if not words or any(len(w.split()) != 1 for w in words):
            return None
        key = self.translit.word_key(words[0])
        first_key = self.translit.first_name_key(words[0])
        for test in (
            lambda name: name[-1] == key,
            lambda name: name[0] == first_key,
            # 'Sasha' -> 'alexander', written 'Aleksandr'
            lambda name: name[0][:1] == first_key[:1] and similar(name[0], first_key, self.threshold),
            # a misspelt surname ('Morozuyk'); equal length keeps 'Kostrova' off 'Kostrov'
            lambda name: len(name[-1]) == len(key) and similar(name[-1], key, self.threshold - 3),
        ):
            hosts = [p for p in people if test(self.translit.key(self._full_name(p) or "").split() or [""])]
            if hosts:
                return max(hosts, key=lambda p: (len(p.mentions), -p.mentions[0].start))
        return None


def build_clusters(mentions: list[Mention], transliterator: Transliterator) -> list[Cluster]:
    clusters = cluster_by_key(sorted(mentions, key=lambda m: m.start))
    merge_region_bases(clusters)
    PersonMerger(transliterator).merge(clusters)
    merge_partial_names(clusters)
    kept = [c for c in clusters if c.mentions and not all(m.weak for m in c.mentions)]
    return sorted(kept, key=lambda c: min(m.start for m in c.mentions))
