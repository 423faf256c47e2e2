"""Lets ``python -m tracker`` run the command line."""

from tracker.cli import main

main()
