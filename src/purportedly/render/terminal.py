"""Readable terminal rendering of an Analysis with Rich: the article with quotes marked, then tables."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from purportedly.model import Analysis, Claim

QUOTE_STYLE = "bold cyan"
SPEAKER_STYLE = "magenta"
HEDGE_STYLE = "yellow underline"
SEGMENT_STYLE = {"title": "bold", "caption": "dim italic", "credit": "dim", "key_point": "green"}


def marked_text(analysis: Analysis) -> Text:
    """The article text with quotes, speaker mentions and hedge cues highlighted."""
    article = analysis.article
    text = Text(article.text)
    for segment in article.segments:
        style = SEGMENT_STYLE.get(segment.kind)
        if style:
            text.stylize(style, segment.start, segment.end)
    for quote in analysis.quotes + analysis.indirect_quotes:
        text.stylize(QUOTE_STYLE if quote.kind != "indirect" else "cyan", quote.start, quote.end)
        if quote.speaker_mention is not None:
            text.stylize(SPEAKER_STYLE, quote.speaker_mention.start, quote.speaker_mention.end)
    for hedge in analysis.hedges:
        text.stylize(HEDGE_STYLE, hedge.start, hedge.end)
    return text


def quotes_table(analysis: Analysis) -> Table:
    table = Table(title="Quotes", show_lines=False, expand=True)
    table.add_column("#", justify="right", style="dim")
    table.add_column("kind", style="dim")
    table.add_column("quote", ratio=3)
    table.add_column("speaker", style=SPEAKER_STYLE, ratio=1)
    table.add_column("cue", style="dim")
    for i, quote in enumerate(analysis.quotes + analysis.indirect_quotes, 1):
        words = quote.text if len(quote.text) < 160 else quote.text[:157] + "..."
        table.add_row(str(i), quote.kind, words, quote.speaker or "(unknown)", quote.cue or "")
    return table


def simple_table(title: str, columns: list[str], rows: list[list[str]]) -> Table:
    table = Table(title=title, expand=True)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    return table


# Colour of a claim's FactBank value: how far the text commits to it.
FACTUALITY_STYLE = {"CT": "green", "PR": "yellow", "PS": "dark_orange", "Uu": "red"}
ROLE_STYLE = {"speaker": "bold magenta", "recording": "cyan", "releaser": "bold", "article": "dim bold"}


def claim_tree(claim: Claim) -> Tree:
    """Provenance tree of one claim: the article at the root, the original speaker at the leaf."""
    f = claim.factuality
    style = FACTUALITY_STYLE.get(f.value[:2], "yellow")
    if f.polarity == "negative":
        style = "bold red"
    words = claim.text if len(claim.text) <= 200 else claim.text[:197] + "..."
    label = Text.assemble((f"[{f.value} {f.certainty}/{f.polarity}] ", style), words)
    if f.cues:
        label.append(f"  cues: {', '.join(f.cues)}", style="dim")
    tree = Tree(label)
    node = tree
    for link in reversed(claim.chain):
        name = (link.name, ROLE_STYLE.get(link.role, "bold"))
        node = node.add(Text.assemble(name, (f"  ({link.role}, {link.kind})", "dim")))
    return tree


def render_claims(analysis: Analysis, console: Console) -> None:
    if not analysis.claims:
        console.print("[dim]no claims found[/dim]")
    for claim in analysis.claims:
        console.print(claim_tree(claim))


def render_analysis(analysis: Analysis, console: Console, claims_only: bool = False) -> None:
    """Print the whole reading of one article."""
    heading = analysis.title or analysis.document
    meta = " · ".join(
        x for x in (analysis.outlet, str(analysis.date or ""), ", ".join(analysis.authors)) if x
    )
    console.rule(Text(heading, style="bold"))
    if meta:
        console.print(meta, style="dim", justify="center")
    if claims_only:
        render_claims(analysis, console)
        return
    console.print(
        Panel(marked_text(analysis), title=analysis.document, subtitle="quotes · speakers · hedges")
    )
    if analysis.quotes or analysis.indirect_quotes:
        console.print(quotes_table(analysis))
    tables = [
        (
            "Sources",
            ["source", "kind", "aliases"],
            [[s.name, s.kind, ", ".join(s.aliases)] for s in analysis.sources],
        ),
        (
            "Hedges",
            ["cue", "category", "sentence"],
            [[h.cue, h.category, h.sentence] for h in analysis.hedges],
        ),
        (
            "Counts",
            ["number", "what", "event", "text"],
            [
                [f"{c.qualifier + ' ' if c.qualifier else ''}{c.number}", c.what or "", c.event or "", c.text]
                for c in analysis.counts
            ],
        ),
        (
            "Times",
            ["text", "value", "anchor"],
            [[t.text, t.value or "—", t.anchor or ""] for t in analysis.times],
        ),
        (
            "Entities",
            ["name", "type", "aliases"],
            [[e.name, e.type, ", ".join(e.aliases)] for e in analysis.entities],
        ),
        ("Jargon", ["term", "meaning"], [[g.term, g.meaning] for g in analysis.glossary]),
    ]
    console.print(Group(*(simple_table(t, c, r) for t, c, r in tables if r)))
    if analysis.claims:
        console.rule("Claims and their provenance")
        render_claims(analysis, console)
