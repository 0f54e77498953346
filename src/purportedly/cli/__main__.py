"""`python -m purportedly.cli`: the same CLI as the `purportedly` command."""

from purportedly.cli import main

main()
