"""The Typer application every CLI verb registers on."""

import typer

app = typer.Typer(
    name="purportedly",
    help="Who said it, through whom it reached the page, and how sure anyone is.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def root() -> None:
    """Who said it, through whom it reached the page, and how sure anyone is."""
