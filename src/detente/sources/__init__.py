"""Sources turn paths, feeds or archives into ``RawDocument`` records (or ``Rejected`` ones).

A source kind is a reader registered for file suffixes; ``register_reader`` adds one without
touching the pipeline (the built-in readers use the same hook).
"""

from detente.sources.files import READERS, iter_documents, register_reader

__all__ = ["READERS", "iter_documents", "register_reader"]
