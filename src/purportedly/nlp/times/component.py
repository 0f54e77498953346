"""Component: date expressions in the story, each fixed to a day when the text or publication date allows."""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc

from purportedly.lexicons import load_data, load_set
from purportedly.model import TimeExpression
from purportedly.nlp.char_ranges import CharRanges
from purportedly.nlp.extensions import doc_text, get_list, register_extensions
from purportedly.nlp.times.anchors import (
    MONTH_WORD,
    YEAR_WORD,
    StoryClock,
    night_range_start,
    period_bounds,
)
from purportedly.nlp.times.rules import (
    TimeCandidate,
    count_value,
    find_candidates,
    month_number,
    safe_date,
    weekday_date,
    weekday_number,
    year_for,
)

register_extensions()


def same_quote(quoted: CharRanges, offset: int, anchor_offset: int) -> bool:
    """Both offsets outside every quote, or both inside the same one."""
    inside, anchor_inside = offset in quoted, anchor_offset in quoted
    if not inside:
        return True
    if not anchor_inside or anchor_offset < 0:
        return False
    return quoted.starts[bisect_right(quoted.starts, offset) - 1] <= anchor_offset


def safe_iso(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


METADATA_SEGMENTS = ("byline", "date", "dateline", "timestamp", "boilerplate")
GRANULARITY = {
    "month_year": "month",
    "month": "month",
    "season": "season",
    "year": "year",
    "period": "other",
    "period_part": "other",
    "ago": "other",
}
DEICTIC_OFFSET = {
    "yesterday": -1,
    "today": 0,
    "tonight": 0,
    "last night": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
    "this": 0,
}
PART_OF_DAY_WORDS = ("morning", "afternoon", "evening", "night")
WEEKDAY_WORD = re.compile(r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")


def deictic_key(text: str) -> str:
    """'yesterday evening' -> 'yesterday', 'this morning' -> 'this'; 'last night' stays whole."""
    words = text.lower().split()
    if len(words) == 2 and words[0] != "last" and words[1] in PART_OF_DAY_WORDS:
        words = words[:1]
    return " ".join(words)


QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|^[A-Z][A-Z .'’-]{1,40}:[ \t].*$", re.MULTILINE)
FUTURE = re.compile(r"\b(?:will|shall|'ll|’ll|going to)\b", re.IGNORECASE)
FULL_DATE_KINDS = ("month_day", "day_month")
# kinds counted from the story's last fixed day; 'Ten days later, on 3 March' takes the apposed date
STORY_KINDS = ("next_day", "offset", "same_day", "story_weekday")
# a speaker's 'three days later' counts from the speaker's own story, which the reporter's dates don't fix
SPEAKER_RELATIVE_KINDS = ("next_day", "offset")
APPOSED_DATE_GAP = re.compile(r"^,?[ \t]*(?:on[ \t]+)?$")
SENTENCE_END = ".!?\n"


class TimeNormaliser:
    """Find date expressions with precompiled patterns and resolve them against the publication date."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        holidays_file: str,
        skip_segments: list[str],
        reporting_verbs_file: str,
    ) -> None:
        self.name = name
        # 'the council said on Monday': when the story was told, not a day the story is about. Releasing a
        # recording ('released on Feb. 16') is an event of the story in this genre, so it is not listed.
        self.reporting_verbs = load_set(reporting_verbs_file)
        self.holidays = {
            self._holiday_key(k): v
            for k, v in load_data(holidays_file).items()
            if not k.startswith("_")
        }
        self.skip_segments = tuple(skip_segments)

    @staticmethod
    def _holiday_key(name: str) -> str:
        return " ".join(name.replace("’", "'").lower().split())

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    # ------------------------------------------------------------------ match
    def match(self, doc: Doc) -> list[TimeCandidate]:
        segments = doc._.segments or []
        skipped = CharRanges((s.start, s.end) for s in segments if s.kind in self.skip_segments)
        return [c for c in find_candidates(doc_text(doc)) if c.start not in skipped]

    # -------------------------------------------------------- set_annotations
    def set_annotations(self, doc: Doc, candidates: list[TimeCandidate]) -> Doc:
        times = []
        article = doc._.article
        published: date | None = article.date if article is not None else None
        quoted = self._quoted_ranges(doc)
        full_dates = [
            (c.start, d)
            for c in candidates
            if c.kind in FULL_DATE_KINDS
            for d in [self._explicit_date(c.text)]
            if d is not None
        ]
        clock = StoryClock()  # the days fixed so far, for 'the next day', 'that night', 'Two days later'
        for i, candidate in enumerate(candidates):
            value, anchor = self._resolve(doc, candidate, published, clock, full_dates, quoted)
            apposed = self._apposed_date(doc, candidates, i, published, full_dates)
            if apposed is not None:
                value, anchor = apposed, "text"
            if value is not None and not self._reporting_time(doc, candidate):
                clock.remember(candidate.start, candidate.text, value)
            times.append(self._expression(candidate, value, anchor, published))
        doc._.times = times
        return doc

    def _reporting_time(self, doc: Doc, candidate: TimeCandidate) -> bool:
        """The day modifies a reporting verb: 'said on Monday', 'told reporters on Sunday'."""
        if candidate.kind in STORY_KINDS:
            return False
        span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
        if span is None or not doc.has_annotation("DEP"):
            return False
        node = span.root
        if node.dep_ == "pobj":
            node = node.head  # 'on'
        verb = node.head
        return (
            node.dep_ in ("prep", "npadvmod")
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() in self.reporting_verbs
        )

    def _apposed_date(
        self,
        doc: Doc,
        candidates: list[TimeCandidate],
        i: int,
        published: date | None,
        full_dates: list[tuple[int, date]],
    ) -> date | None:
        """'Ten days later, on 3 March': the date set beside a relative expression is its value."""
        if candidates[i].kind not in STORY_KINDS or i + 1 >= len(candidates):
            return None
        following = candidates[i + 1]
        gap = doc_text(doc)[candidates[i].end : following.start]
        if following.kind not in FULL_DATE_KINDS or not APPOSED_DATE_GAP.match(gap):
            return None
        anchor = published or self._nearest(full_dates, following.start)
        explicit = self._explicit_date(following.text)
        return explicit or (self._month_day(following.text, anchor) if anchor else None)

    def _resolve(
        self,
        doc: Doc,
        candidate: TimeCandidate,
        published: date | None,
        clock: StoryClock,
        full_dates: list[tuple[int, date]],
        quoted: CharRanges,
    ) -> tuple[date | None, str | None]:
        kind, text = candidate.kind, candidate.text
        if kind == "iso_date":
            return date.fromisoformat(text) if safe_iso(text) else None, "text"
        if kind == "part_of_date":
            anchor = published or self._nearest(full_dates, candidate.start)
            return night_range_start(text, anchor), "text"
        if kind in FULL_DATE_KINDS:
            explicit = self._explicit_date(text)
            if explicit is not None:
                return explicit, "text"
            anchor = published or self._nearest(full_dates, candidate.start)
            if anchor is None:
                return None, None
            return self._month_day(text, anchor), "publication date" if published else "date in text"
        if kind in STORY_KINDS:
            return self._story_day(candidate, clock, quoted), "previous date in text"
        if published is None:
            return None, None
        if kind == "ago":
            return self._ago(candidate, published, quoted), "publication date"
        if kind == "relative_day":
            if candidate.start in quoted:
                return None, None  # 'yesterday' inside a call or quote: its day of speaking is unknown
            offset = DEICTIC_OFFSET[deictic_key(text)]
            return published + timedelta(days=offset), "publication date"
        if kind == "weekday":
            return self._weekday(doc, candidate, published), "publication date"
        if kind == "weekday_night":
            first = WEEKDAY_WORD.search(text)
            evening = TimeCandidate("weekday", candidate.start, candidate.end, first.group() if first else "")
            return (self._weekday(doc, evening, published), "publication date") if first else (None, None)
        if kind == "ordinal_day":
            day = int(re.sub(r"\D", "", text))
            return safe_date(published.year, published.month, day), "publication month"
        if kind == "holiday":
            month_day = self.holidays.get(self._holiday_key(text))
            return (
                (year_for(*month_day, published, strictly_past=False), "publication date")
                if month_day
                else (None, None)
            )
        return None, None

    def _story_day(self, candidate: TimeCandidate, clock: StoryClock, quoted: CharRanges) -> date | None:
        if candidate.kind == "same_day":
            return clock.same_day(candidate.text)
        if candidate.kind == "story_weekday":
            return clock.story_weekday(candidate.text)
        own_story = same_quote(quoted, candidate.start, clock.last_start)
        if candidate.kind in SPEAKER_RELATIVE_KINDS and not own_story:
            return None
        return self._offset(candidate.text, clock.last)

    @staticmethod
    def _ago(candidate: TimeCandidate, published: date, quoted: CharRanges) -> date | None:
        """'three days ago' is a day before publication; 'a week ago' is a week, not a day; in a quote the
        day of speaking is unknown."""
        words = candidate.text.lower().split()
        if not words[1].startswith("day") or candidate.start in quoted:
            return None
        amount = count_value(words[0])
        return published - timedelta(days=amount) if amount else None

    @staticmethod
    def _explicit_date(text: str) -> date | None:
        year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
        if year is None:
            return None
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text.replace(year.group(), ""))
        month = re.search(r"[A-Z][a-z]+", text.replace("Last ", "").replace("This ", "").replace("Next ", ""))
        if day is None or month is None:
            return None
        return safe_date(int(year.group()), month_number(month.group()), int(day.group(1)))

    @staticmethod
    def _month_day(text: str, anchor: date) -> date | None:
        words = text.split()
        day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text)
        month = next((w for w in words if w[0].isupper() and w.lower() not in ("last", "this", "next")), None)
        if day is None or month is None:
            return None
        strictly_past = words[0].lower() == "last"
        return year_for(month_number(month), int(day.group(1)), anchor, strictly_past=strictly_past)

    @staticmethod
    def _nearest(full_dates: list[tuple[int, date]], offset: int) -> date | None:
        if not full_dates:
            return None
        return min(full_dates, key=lambda item: abs(item[0] - offset))[1]

    @staticmethod
    def _offset(text: str, previous: date | None) -> date | None:
        if previous is None:
            return None
        lower = text.lower()
        if lower.startswith("the"):
            return previous + timedelta(days=-1 if ("previous" in lower or "before" in lower) else 1)
        amount = count_value(lower.split()[0]) or 0
        days = amount * (7 if "week" in lower else 1)
        return previous + timedelta(days=-days if ("earlier" in lower or "before" in lower) else days)

    @staticmethod
    def _weekday(doc: Doc, candidate: TimeCandidate, published: date) -> date:
        words = candidate.text.lower().split()
        weekday = weekday_number(words[1] if words[0] in ("last", "this", "next") else words[0])
        if words[0] == "last":
            return weekday_date(weekday, published, "last")
        text = doc_text(doc)
        sentence_start = max(text.rfind(mark, 0, candidate.start) for mark in SENTENCE_END) + 1
        future = words[0] == "next" or bool(FUTURE.search(doc_text(doc), sentence_start, candidate.start))
        return weekday_date(weekday, published, "future" if future else "past")

    @staticmethod
    def _quoted_ranges(doc: Doc) -> CharRanges:
        ranges = [(q.start, q.end) for q in get_list(doc, "quotes")]
        ranges += [(m.start(), m.end()) for m in QUOTED.finditer(doc_text(doc))]
        return CharRanges(ranges)

    @staticmethod
    def _expression(
        candidate: TimeCandidate, value: date | None, anchor: str | None, published: date | None
    ) -> TimeExpression:
        granularity = GRANULARITY.get(candidate.kind, "day")
        if candidate.kind in ("period", "period_part", "ago"):
            lower = candidate.text.lower()
            granularity = next((g for g in ("day", "week", "month", "year") if g in lower), "other")
            if candidate.kind == "period_part" and granularity == "other":
                granularity = "year" if YEAR_WORD.search(lower) and not MONTH_WORD.search(lower) else "month"
        period_start = period_end = None
        if candidate.kind == "year":
            period_start, period_end = f"{candidate.text}-01-01", f"{candidate.text}-12-31"
        if candidate.kind == "period_part" and (bounds := period_bounds(candidate.text, published)):
            period_start, period_end = bounds[0].isoformat(), bounds[1].isoformat()
        return TimeExpression(
            text=candidate.text,
            start=candidate.start,
            end=candidate.end,
            value=value.isoformat() if value else None,
            granularity=granularity,
            period_start=period_start,
            period_end=period_end,
            anchor=anchor if value else None,
        )


@Language.factory(
    "purportedly_times",
    default_config={
        "holidays_file": "facts/holidays.json",
        "skip_segments": list(METADATA_SEGMENTS),
        "reporting_verbs_file": "quotes/cue_verbs.txt",
    },
    requires=["doc._.segments", "doc._.quotes"],
    assigns=["doc._.times"],
)
def make_times(
    nlp: Language,
    name: str,
    holidays_file: str,
    skip_segments: list[str],
    reporting_verbs_file: str,
) -> TimeNormaliser:
    return TimeNormaliser(nlp, name, holidays_file, skip_segments, reporting_verbs_file)
