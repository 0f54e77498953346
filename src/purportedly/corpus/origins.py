"""Where a report says a claim comes from: the root of its chain beyond relays and translators."""

from __future__ import annotations

from dataclasses import dataclass

from purportedly.model import ChainLink
from purportedly.names import name_key, same_name

ROOT_ROLES = ("speaker", "recording", "document", "releaser")
MEDIA_ROLES = ("recording", "document")


@dataclass(frozen=True)
class Origin:
    """Where a report says a claim comes from: the speaker, the recording or document holding the
    words, and the body that released them."""

    speaker: str | None
    carriers: tuple[str, ...]  # releasing bodies (an agency that published the recording)
    media: tuple[str, ...] = ()  # recordings and documents: descriptive, not used for identity
    own_reporting: str | None = None  # the outlet, when the article makes the claim itself

    @property
    def label(self) -> str:
        if self.own_reporting:
            return f"{self.own_reporting} (own reporting)"
        parts = [self.speaker] if self.speaker else []
        parts += [*self.media, *self.carriers]
        return " via ".join(parts) if parts else "unknown"

    def same_as(self, other: Origin) -> bool:
        """One origin when both name the same releasing body, or (lacking one) the same speaker.
        Recordings are not compared: "a recording" says nothing about which one."""
        if self.own_reporting or other.own_reporting:
            return bool(self.own_reporting and other.own_reporting) and same_name(
                self.own_reporting, other.own_reporting
            )
        if self.carriers and other.carriers:
            return any(same_name(a, b) for a in self.carriers for b in other.carriers)
        if self.speaker and other.speaker:
            return same_name(self.speaker, other.speaker)
        return False


def origin_of(chain: list[ChainLink] | tuple[ChainLink, ...], outlet: str | None) -> Origin:
    """The root of a chain beyond relays: speaker plus whatever recorded and released the words."""
    root = [link for link in chain if link.role in ROOT_ROLES]
    if not root:
        return Origin(speaker=None, carriers=(), own_reporting=outlet or "the article")
    speaker = next((link.name for link in root if link.role == "speaker"), None)
    carriers = tuple(link.name for link in root if link.role == "releaser" and name_key(link.name))
    if speaker and any(same_name(speaker, carrier) for carrier in carriers):
        speaker = None  # the releasing agency as its own speaker: one entity, named once
    media = tuple(link.name for link in root if link.role in MEDIA_ROLES)
    return Origin(speaker=speaker, carriers=carriers, media=media)
