"""Stories: articles about the same story, across outlets.

Method
    Each original article (not a duplicate) becomes a TF-IDF vector of its title and text
    (scikit-learn, English stop words, sublinear term frequency, words and word pairs).
    Two articles can share a story only when their publication dates are at most ``window_days``
    apart; within that window their distance is ``1 − cosine similarity``. Agglomerative
    clustering with average linkage joins groups while the mean distance between them stays
    below ``1 − threshold``: average linkage, unlike connected components, does not chain two
    different stories through one article that mentions both. Duplicates and syndicated copies
    (``duplicate_of`` set) join the story of their original, under their own outlet.
    Articles without a date join stories on text alone.

    ``threshold`` 0.17: in the bundled sample, reports of one story by different outlets have
    cosine similarities of 0.18–0.3 (a lightly edited syndicated copy 0.87), while different
    stories about the same countries within the window stay at or below 0.16. The margin is
    narrow; raise the threshold for corpora with many near-identical wire stories.

Example::

    >>> for story in find_stories(store, StoryQuery(since=dt.date(2025, 5, 1))):
    ...     print(story.title, story.outlets)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from detente.analysis.dyads import Page, check_period
from detente.errors import InputError, NotFound
from detente.records import stable_id
from detente.store import Store

# Average linkage needs the full distance matrix: 4,000 articles is a 128 MB float64 matrix.
MAX_ARTICLES = 4000


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Which articles to cluster and how; shared by library, CLI and API."""

    since: dt.date | None = None
    until: dt.date | None = None
    threshold: float = 0.17
    window_days: int = 3
    min_articles: int = 1

    def __post_init__(self) -> None:
        check_period(self.since, self.until)
        if not 0 < self.threshold < 1 or self.window_days < 0 or self.min_articles < 1:
            raise InputError("threshold must be in (0, 1), window_days ≥ 0 and min_articles ≥ 1.")


@dataclass(slots=True)
class Story:
    """Articles about one story; ``id`` is a stable hash of its original articles' ids."""

    id: str
    title: str
    start: dt.date | None
    end: dt.date | None
    articles: list[dict[str, Any]] = field(default_factory=list)

    @property
    def outlets(self) -> list[str]:
        return sorted({a["outlet"] or "unknown" for a in self.articles})

    @property
    def article_ids(self) -> list[str]:
        return [a["id"] for a in self.articles]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "outlets": self.outlets}


def _load(store: Store, q: StoryQuery, seeds: set[str] | None = None) -> list[dict[str, Any]]:
    """The articles to cluster; with ``seeds``, only those within the window of a seed's date."""
    where: list[str] = ["(text IS NOT NULL OR duplicate_of IS NOT NULL)"]
    params: list[Any] = []
    for clause, value in (("(published IS NULL OR published >= ?)", q.since),
                          ("(published IS NULL OR published <= ?)", q.until)):
        if value:
            where.append(clause)
            params.append(value)
    if seeds is not None:
        where.append("(published IS NULL OR EXISTS (SELECT 1 FROM (SELECT DISTINCT published AS day FROM articles "
                     "WHERE id IN (SELECT unnest(?))) s WHERE abs(date_diff('day', s.day, published)) <= ?))")
        params += [sorted(seeds), q.window_days]
    return store.query(f"SELECT id, outlet, title, published, url, duplicate_of, "
                       f"CASE WHEN duplicate_of IS NULL THEN text END AS text FROM articles "
                       f"WHERE {' AND '.join(where)} ORDER BY published NULLS LAST, id", params)


def _distances(docs: list[dict[str, Any]], window_days: int) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{d['title'] or ''}\n{d['text']}" for d in docs]
    try:
        tfidf = TfidfVectorizer(stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1)
        matrix = tfidf.fit_transform(texts)
    except ValueError:  # every text is empty or stop words only
        return np.ones((len(docs), len(docs))) - np.eye(len(docs))
    distance: np.ndarray = np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 1.0)
    days = np.array([d["published"].toordinal() if d["published"] else np.nan for d in docs], dtype=float)
    apart = np.abs(days[:, None] - days[None, :]) > window_days  # NaN compares False: undated can join
    distance[apart] = 1.0
    np.fill_diagonal(distance, 0.0)
    return distance


def _labels(docs: list[dict[str, Any]], q: StoryQuery) -> list[int]:
    if len(docs) < 2:
        return list(range(len(docs)))
    from sklearn.cluster import AgglomerativeClustering

    model = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                    distance_threshold=1.0 - q.threshold)
    return [int(x) for x in model.fit_predict(_distances(docs, q.window_days))]


def count_candidates(store: Store, q: StoryQuery, article_ids: set[str] | None = None) -> int:
    """How many original articles ``find_stories`` would cluster (check against ``MAX_ARTICLES``)."""
    return sum(1 for r in _load(store, q, article_ids) if r["duplicate_of"] is None)


def find_stories(store: Store, q: StoryQuery = StoryQuery(), *, article_ids: set[str] | None = None) -> list[Story]:
    """Stories of the period, biggest first; with ``article_ids``, only stories containing one of them
    (and only the articles published within the window of one of them are clustered)."""
    rows = _load(store, q, article_ids)
    originals = [r for r in rows if r["duplicate_of"] is None]
    if len(originals) > MAX_ARTICLES:
        raise InputError(f"{len(originals)} articles to cluster; the limit is {MAX_ARTICLES}.",
                         hint="Narrow the period with since/until.")
    groups: dict[int, list[dict[str, Any]]] = {}
    label_of: dict[str, int] = {}
    for doc, label in zip(originals, _labels(originals, q)):
        groups.setdefault(label, []).append(doc)
        label_of[doc["id"]] = label
    for copy in (r for r in rows if r["duplicate_of"] in label_of):
        groups[label_of[copy["duplicate_of"]]].append(copy)
    stories = [_story(members) for members in groups.values() if len(members) >= q.min_articles]
    if article_ids is not None:
        stories = [s for s in stories if article_ids.intersection(s.article_ids)]
    return sorted(stories, key=lambda s: (-len(s.articles), s.start or dt.date.max, s.id))


def _story(members: list[dict[str, Any]]) -> Story:
    members.sort(key=lambda m: (m["published"] or dt.date.max, m["duplicate_of"] is not None, m["id"]))
    dates = [m["published"] for m in members if m["published"]]
    originals = sorted(m["id"] for m in members if m["duplicate_of"] is None)
    articles = [{k: m[k] for k in ("id", "outlet", "title", "published", "url", "duplicate_of")} for m in members]
    return Story(stable_id("story", *originals), members[0]["title"] or "(untitled)",
                 min(dates) if dates else None, max(dates) if dates else None, articles)


def get_story(store: Store, story_id: str, q: StoryQuery = StoryQuery()) -> Story:
    """One story by id (stories are recomputed; an id changes when new articles join the story)."""
    for story in find_stories(store, q):
        if story.id == story_id:
            return story
    raise NotFound(f"No story {story_id!r} in this period.", hint="List stories with `detente stories` or /api/stories.")


def list_articles(store: Store, *, outlet: str | None = None, since: dt.date | None = None,
                  until: dt.date | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Stored articles (metadata, no text), oldest first."""
    check_period(since, until)
    where, params = ["TRUE"], []
    for clause, value in (("outlet = ?", outlet), ("published >= ?", since), ("published <= ?", until)):
        if value:
            where.append(clause)
            params.append(value)
    sql = f"FROM articles WHERE {' AND '.join(where)}"
    total = store.con.execute(f"SELECT count(*) {sql}", params).fetchall()[0][0]
    items = store.query(f"SELECT id, published, outlet, title, language, url, authors, relays, duplicate_of, "
                        f"length(text) AS chars {sql} ORDER BY published NULLS LAST, id LIMIT ? OFFSET ?",
                        [*params, limit, offset])
    return Page(items, int(total), limit, offset)


def article_detail(store: Store, article_id: str) -> dict[str, Any]:
    """One article (by id or unique prefix) with its text and the events and claims coded in it.

    A duplicate shows its original's text and coding (``coded_from`` names the original).
    """
    article = store.article(article_id)
    article.pop("paragraphs", None)
    source = article["duplicate_of"] or article["id"]
    if article["duplicate_of"] and not article.get("text"):
        article["text"] = (store.query("SELECT text FROM articles WHERE id = ?", [source]) or [{}])[0].get("text")
    article["coded_from"] = source
    article["events"] = store.query("SELECT * FROM events WHERE article_id = ? ORDER BY sentence, id", [source])
    article["claims"] = store.query("SELECT * FROM claims WHERE article_id = ? ORDER BY sentence, id", [source])
    return article
