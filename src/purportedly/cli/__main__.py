"""`python -m purportedly.cli ...`: the CLI without an installed console script."""

from purportedly.cli import main

main()
