"""Readers for conference programs and contact cards.

Every program reader turns a file into a `ParsedProgram` (see program.py) and raises
`InputFileError` with a one-line message for anything it cannot read.
"""
