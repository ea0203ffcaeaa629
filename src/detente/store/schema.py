"""Schema migrations. Each entry upgrades the store by one version, inside one transaction.

Never edit a released migration: add a new one (the stored ``schema_version`` says which ran).
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: articles, ingest runs and rejected inputs.
    """
    CREATE TABLE runs (
        run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP, inputs VARCHAR[],
        added INTEGER, unchanged INTEGER, duplicates INTEGER, rejected INTEGER, status VARCHAR
    );
    CREATE TABLE articles (
        id VARCHAR PRIMARY KEY, source_uri VARCHAR NOT NULL, url VARCHAR, outlet VARCHAR, title VARCHAR,
        published DATE, authors VARCHAR[], language VARCHAR, text VARCHAR, paragraphs VARCHAR[],
        relays VARCHAR[], duplicate_of VARCHAR, removed VARCHAR[], content_hash VARCHAR,
        minhash UBIGINT[], run_id VARCHAR, ingested_at TIMESTAMP
    );
    CREATE INDEX articles_hash ON articles (content_hash);
    CREATE TABLE rejections (run_id VARCHAR, uri VARCHAR, reason VARCHAR);
    """,
    # 2: coded events and claims; the id includes the coder name+version, so two coders' output coexists.
    """
    CREATE TABLE events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER, span_start INTEGER,
        span_end INTEGER, evidence VARCHAR, date DATE,
        source_code VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_text VARCHAR,
        target_code VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_text VARCHAR,
        type VARCHAR, mode VARCHAR, quad_class TINYINT, intensity DOUBLE, modality VARCHAR,
        attributed_to VARCHAR, coder VARCHAR, confidence DOUBLE, trigger VARCHAR
    );
    CREATE INDEX events_dyad ON events (source_country, target_country, date);
    CREATE INDEX events_article ON events (article_id);
    CREATE TABLE claims (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER, evidence VARCHAR,
        speaker_code VARCHAR, speaker_country VARCHAR, speaker_sector VARCHAR, speaker_text VARCHAR,
        verb VARCHAR, content VARCHAR, modality VARCHAR, subjects VARCHAR, disputes VARCHAR, coder VARCHAR
    );
    CREATE INDEX claims_article ON claims (article_id);
    CREATE TABLE coded (article_id VARCHAR, coder VARCHAR, PRIMARY KEY (article_id, coder));
    """,
    # 3: how each actor was resolved (dictionary, phrase, lexicon, model, article ...) and how sure.
    """
    ALTER TABLE events ADD COLUMN source_resolved_by VARCHAR;
    ALTER TABLE events ADD COLUMN source_confidence DOUBLE;
    ALTER TABLE events ADD COLUMN target_resolved_by VARCHAR;
    ALTER TABLE events ADD COLUMN target_confidence DOUBLE;
    ALTER TABLE claims ADD COLUMN speaker_resolved_by VARCHAR;
    ALTER TABLE claims ADD COLUMN speaker_confidence DOUBLE;
    """,
    # 4: when each event happened (``date``) beside its article's date, how precisely, and whether
    # it is historical (more than a year before its article). Older rows were dated by their article.
    """
    ALTER TABLE events ADD COLUMN article_date DATE;
    ALTER TABLE events ADD COLUMN date_precision VARCHAR;
    ALTER TABLE events ADD COLUMN historical BOOLEAN DEFAULT false;
    UPDATE events SET article_date = date, date_precision = CASE WHEN date IS NULL THEN NULL ELSE 'article' END,
        historical = false;
    """,
    # 5: where an article's date came from (metadata, url, text, user) and what extraction refused.
    """
    ALTER TABLE articles ADD COLUMN date_source VARCHAR;
    ALTER TABLE articles ADD COLUMN warnings VARCHAR[];
    UPDATE articles SET date_source = 'metadata' WHERE published IS NOT NULL;
    """,
    # 6: where each event happened (the sentence's place, else the dateline's).
    """
    ALTER TABLE events ADD COLUMN location_text VARCHAR;
    ALTER TABLE events ADD COLUMN location_country VARCHAR;
    ALTER TABLE events ADD COLUMN location_place VARCHAR;
    ALTER TABLE events ADD COLUMN location_source VARCHAR;
    """,
]
