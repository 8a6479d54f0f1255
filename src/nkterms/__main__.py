"""`python -m nkterms`."""

from .cli import run

run()
