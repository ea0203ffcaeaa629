"""Places inside names: "Jordan Peterson", "Georgia Power", "the film Casablanca", "Paris, Texas".

A dictionary mention of a place that is part of a longer personal name, firm name or title is not
that place. The parse and the named-entity tagger say where names are; the rules below say when a
place inside one still is that place ("Pakistan Army", "the Government of Israel", "the Russian
Academy of Sciences").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from detente.actors.gazetteer import PLACE_NAME_KINDS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from detente.actors.gazetteer import Entry, Gazetteer

# Last words that make an unknown named organisation a firm.
FIRM_SUFFIXES = {"ltd", "inc", "plc", "llc", "spa", "ag", "gmbh", "co", "corp", "corporation", "company",
                 "limited", "group", "holdings", "bank", "metals", "industries", "pharmaceuticals",
                 "financial", "capital", "energy", "motors", "airlines", "petroleum", "oil", "technologies"}
# Words that make a name with a country in it a body of that country ("Bangladesh Bank", "Pakistan
# Railways"; names the dictionary knows, like "Pakistan Tehreek-e-Insaf", never get here).
BODY_WORDS = {"party", "league", "front", "movement", "council", "commission", "ministry", "authority", "bank",
              "agency", "court", "assembly", "parliament", "senate", "congress", "board", "institute", "university",
              "union", "association", "federation", "society", "forces", "force", "guard", "office", "department",
              "embassy", "mission", "government", "state", "national", "republic", "railways", "railway", "airways",
              "air", "post", "telecom", "times", "daily", "today", "tribune", "news", "academy", "chamber",
              "committee", "police", "army", "navy", "customs", "church", "orthodox"}
# Places whose names are also given names: inside a longer name they are a person's or a brand's.
GIVEN_NAMES = {"Chad", "Jordan", "Georgia", "Israel", "India", "Kenya", "Paris", "Sydney", "Florence", "Austin",
               "Dallas", "Denver", "Siam", "Cuba", "Brooklyn", "Lima", "Victoria", "Madison", "Jersey"}
# Nouns that introduce the title of a work ("the film Casablanca", "the series Tehran").
WORK_NOUNS = {"film", "movie", "series", "novel", "book", "song", "album", "single", "play", "show", "manga",
              "documentary", "opera", "musical", "painting", "poem", "sitcom", "drama", "miniseries", "anime",
              "ballad", "track", "memoir", "game", "videogame", "podcast", "magazine", "exhibition", "production",
              "staging", "adaptation", "remake", "sequel", "screening"}
# Words a title may hold between its capitalised words ("Midnight in Paris").
TITLE_GLUE = {"in", "of", "the", "and", "a", "on", "to", "from", "for", "at", "de", "la", "le", "(", ")", ",", ":"}


class NameFilter:
    """Tells a place from a place's name inside a longer name."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def inside_name(self, span: Span, entries: tuple[Entry, ...], entities: dict[int, Span]) -> bool:
        """A place inside a longer name is not that place: "Jordan Peterson", "Georgia Power", "the
        film Casablanca", "Paris, Texas". A body named for its country stays its country's when its
        other words say what it is ("Pakistan Army", "Bangladesh Bank", "Indian Oil Corporation"),
        unless the place's name is also a given name ("Chad Industries", "Jordan Brand")."""
        adjective = all(e.kind in {"adjective", "people"} for e in entries)
        if not adjective and not all(e.kind in PLACE_NAME_KINDS for e in entries):
            return False
        if _in_title(span) or not adjective and self._namesake(span, entries):
            return True
        name = entities.get(span.start)
        if name is None or entities.get(span.end - 1) is not name or len(name) <= len(span):
            # The tagger missed the name ("Israel Adesanya fought"): a country's name that only
            # modifies the unknown proper noun after it is a first name, not the country.
            head = span[-1].head
            return (len(span) == 1 and span[0].dep_ == "compound" and head.i == span.end and head.pos_ == "PROPN"
                    and head.is_title and not self.gazetteer.lookup(head.text) and not self.body_word(head)
                    and all(e.kind == "country" for e in entries))
        rest = [t for t in name if not span.start <= t.i < span.end and t.is_alpha and not t.is_stop]
        if not rest:
            return False  # "the Krasnodar Krai", "Estonia's"
        if name.label_ == "WORK_OF_ART":
            return True
        if name.label_ == "PERSON":  # "Jordan Peterson", "Dawn French"; not "Russian" before a name
            return not adjective or span.end == name.end
        if span.text in GIVEN_NAMES and span.start == name.start:
            return True  # "Chad Industries", "Jordan Brand"
        if span.end == name.end or adjective:
            # "the Government of Israel", a country branch ("International Red Cross Yemen"); a
            # nationality says whose a firm is ("Russian Shahed drones"; brands named after another
            # country are in the dictionary: "French Connection", "Dutch Bros")
            return False
        # "Georgia Power", "French Connection" against "Pakistan Army", "the Russian Academy of Sciences"
        return not any(self.body_word(t) for t in rest)

    def _namesake(self, span: Span, entries: tuple[Entry, ...]) -> bool:
        """"Paris, Texas", "Athens, Georgia": a town named after a place abroad, placed by its region."""
        doc = span.doc
        if span.end + 1 >= len(doc) or doc[span.end].text != "," or not doc[span.end + 1].is_title:
            return False
        regions = self.gazetteer.lookup(doc[span.end + 1].text)
        own = {e.country for e in entries}
        return any(e.kind == "city" and e.country not in own for e in regions)

    def body_word(self, token: Token) -> bool:
        agents = self.gazetteer.agents
        return (token.lower_ in agents or token.lemma_.lower() in agents or token.lower_ in FIRM_SUFFIXES
                or token.lower_ in BODY_WORDS)


def _in_title(span: Span) -> bool:
    """Whether ``span`` is part of a title right after a work noun ("the film Midnight in Paris",
    "a production of American Psycho"); not "the film festival in Paris" nor "the film in Paris"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].is_title or doc[i].lower_ in TITLE_GLUE) and doc[i].lower_ not in WORK_NOUNS:
        i -= 1
    if i < 0 or doc[i].lower_ not in WORK_NOUNS:
        return False
    first = i + 2 if doc[i + 1].lower_ == "of" else i + 1
    return first <= span.start and doc[first].is_title
