"""Typed errors. The library raises these; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class TagwerkError(Exception):
    """Base of every error tagwerk raises on purpose."""


class ArticleError(TagwerkError):
    """An input could not be read as an article.

    ``source`` names the file (and ``line`` the JSON Lines line) where known, so that a
    batch can report the bad record and go on; ``id`` is the record's own id (or URL) where
    it had one, for the errors file.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None, id: str | None = None):
        self.message = message
        self.source = source
        self.line = line
        self.id = id
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source + (f":{self.line}" if self.line is not None else "") + ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        return where + self.message


class EmptyArticleError(ArticleError):
    """The text is empty or holds only whitespace."""


class BinaryInputError(ArticleError):
    """The bytes are binary data, not text."""


class ArticleTooLargeError(ArticleError):
    """The text is larger than the configured limit."""


class MalformedJSONError(ArticleError):
    """A JSON document or JSON Lines record could not be parsed."""


class UnsupportedInputError(ArticleError):
    """The input's format is not one tagwerk reads."""


class PipelineError(TagwerkError):
    """The stages cannot run in the order given (a stage needs what no earlier stage writes)."""


class UnknownStageError(PipelineError):
    """No stage of that name is registered."""


class ModelNotFoundError(TagwerkError):
    """A model the stage needs is not installed in the package."""


class SkippedItemError(ArticleError):
    """An item that is not an article to analyse (an audio, picture or video item, an item
    without body text): the reader reports it in the item's place and goes on. Not a failure."""


class NestingTooDeepError(MalformedJSONError):
    """A JSON record nests arrays or objects deeper than ``MAX_JSON_DEPTH`` levels."""


class FieldTypeError(MalformedJSONError):
    """A record's field holds a value of the wrong type (``text`` as a number)."""


class AnalysisTimeoutError(ArticleError):
    """The analysis of one article took longer than its time limit."""


class InternalError(ArticleError):
    """tagwerk failed on this record for a reason it does not expect (a bug): reported in
    the record's place, with the original exception as its cause, so that a run goes on."""
