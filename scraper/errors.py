"""Domain errors. Each names the source it is about, so the CLI can print one clear line."""

from __future__ import annotations


class GazetteError(Exception):
    """Base class: `source` is the file or URL, `line` a 1-based line where known."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        where = self.source or "?"
        if self.line is not None:
            where = f"{where} line {self.line}"
        return f"{where}: {self.message}"


class InputError(GazetteError):
    """The file cannot be read as a bulletin at all (empty, binary, too large, unknown type)."""


class DecodeError(GazetteError):
    """The bytes cannot be turned into text."""


class ParseError(GazetteError):
    """The text could not be parsed (broken HTML beyond repair, no content)."""


class SplitError(GazetteError):
    """No document could be found in the content."""


class StoreError(GazetteError):
    """The store cannot be opened or written."""
