"""Actor recognition: a gazetteer the project ships (plus the user's own files) and a resolver
that turns noun phrases of a parse into CAMEO-style codes (``PAK``, ``PAKGOV``, ``USABUS``, ``UN``)."""

from detente.actors.gazetteer import Entry, Gazetteer, gazetteer_of, load_gazetteer
from detente.actors.resolver import Resolver

__all__ = ["Entry", "Gazetteer", "Resolver", "gazetteer_of", "load_gazetteer"]
