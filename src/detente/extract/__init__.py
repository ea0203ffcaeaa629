"""Extraction: ``RawDocument`` -> ``Article`` (or ``Rejected``), then near-duplicate marking."""

from detente.extract.stage import Extractor

__all__ = ["Extractor"]
