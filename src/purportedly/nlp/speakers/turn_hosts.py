"""Who a transcript's role label ('PRESENTER:', 'HOST:') stands for: the name the intro gives the role."""

from __future__ import annotations

import re

from purportedly.nlp.quotes.lexicon import DATA_DIR, load_set

NAME = r"(?P<name>[A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019-]+){1,3})"  # on one line
ROLE_VERBS = {  # "Presented by X", "hosted by X"
    "host": "hosted",
    "presenter": "presented",
    "anchor": "anchored",
    "moderator": "moderated",
    "interviewer": "interviewed",
}


class TurnHosts:
    """Finds the name behind a role label in the text before the transcript's first turn."""

    def __init__(self, data_dir: str = str(DATA_DIR)) -> None:
        self.roles = load_set("host_labels.txt", data_dir)
        # a programme's host is its presenter: "HOST:" after "Presented by X" is X
        shared = tuple(_by_pattern(verb) for role, verb in ROLE_VERBS.items() if role in self.roles)
        self.patterns = {role: _patterns(role) + shared for role in self.roles}

    def is_role(self, label: str) -> bool:
        return label.strip().rstrip(":").strip().lower() in self.roles

    def name_for(self, label: str, intro: str) -> str | None:
        """The name ``intro`` gives the role of ``label``; None when it gives none."""
        role = label.strip().rstrip(":").strip().lower()
        for pattern in self.patterns.get(role, ()):
            match = pattern.search(intro)
            if match is not None:
                return match.group("name")
        return None

    @staticmethod
    def legend_for(label: str, intro: str) -> str | None:
        """What a transcript's legend says a label stands for: "(W)=Woman, presumably mother" gives
        "W" the name "Woman"; None when the intro has no such line."""
        key = label.strip().rstrip(":").strip().strip("()[]").strip()
        if not key:
            return None
        pattern = rf"(?:(?<=[(\[])|(?<![\w(\[])){re.escape(key)}[)\]]?[ \t]*=[ \t]*(?P<name>[^\n=(\[,;]+)"
        match = re.search(pattern, intro)
        name = match.group("name").strip(" \t.") if match else ""
        return name or None


def _patterns(role: str) -> tuple[re.Pattern[str], ...]:
    word = re.escape(role)
    return (
        re.compile(rf"(?i:\b{word}s?)[ \t]*[:\u2013\u2014-]?[ \t]*{NAME}"),  # "Presenter: X", "host X"
        re.compile(rf"{NAME},[ \t]+(?i:(?:the|our|your)[ \t]+{word})\b"),  # "X, the host"
    )


def _by_pattern(verb: str) -> re.Pattern[str]:
    return re.compile(rf"(?i:\b{verb}[ \t]+by)[ \t]+{NAME}")  # "Presented by X"
