"""`python -m sinoscope` runs the command line."""

from .cli import main

main()
