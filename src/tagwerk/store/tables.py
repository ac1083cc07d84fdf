"""The store's tables (SQLAlchemy Core) and its versioned migrations.

The schema version lives in the ``meta`` table. ``migrate()`` applies every migration
newer than the stored version, in order, in one transaction. A migration is
frozen once released: change the schema by appending a new one, never by editing an old
one. Full-text search is dialect-specific DDL (SQLite FTS5 with triggers, PostgreSQL
``tsvector`` with the ``german`` configuration) written out in the migrations.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
    text,
)
from sqlalchemy.engine import Connection

from tagwerk.errors import TagwerkError

SCHEMA_VERSION = 3

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("ext_id", Text),
    # the reader's id of the article (record id, URL or file name)
    Column("url", Text),
    Column("content_hash", String(64), nullable=False),
    Column("outlet", Text),
    Column("date", String(32)),
    Column("title", Text, nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("structure", JSON, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("updated_at", String(32), nullable=False),
    Index("ix_articles_url", "url"),
    Index("ix_articles_hash", "content_hash"),
    Index("ix_articles_date", "date"),
    Index("ix_articles_outlet", "outlet"),
)

analyses = Table(
    "analyses",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("stages", JSON, nullable=False),
    Column("analysis", JSON, nullable=False),
    # Analysis.to_dict(tokens=False) without the article (which lives in ``articles``)
    Column("analysed_at", String(32), nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    # name case-folded, for lookups by name
    Column("type", String(8), nullable=False),
    Column("kb_id", Text),
    Index("ix_entities_name_key", "name_key"),
    Index("ix_entities_kb_id", "kb_id"),
)

article_entities = Table(
    "article_entities",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Text, ForeignKey("entities.id"), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("salience", Float, nullable=False, default=0.0),
    Column("date", String(32)),
    # the article's date again (v2): "newest articles about X" reads one index, no article rows
    Index("ix_article_entities_entity", "entity_id", "article_id"),
)
# Indexes added by later migrations are created by their DDL only (see _v2), so that
# ``metadata.create_all`` in _v1 keeps building exactly the version-1 schema.

# -- frozen table shapes of old versions (migrations create these, never the current ones) --
_v1_metadata = MetaData()
Table("articles", _v1_metadata, Column("id", Integer, primary_key=True))
Table("entities", _v1_metadata, Column("id", Text, primary_key=True))
_article_entities_v1 = Table(
    "article_entities",
    _v1_metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Text, ForeignKey("entities.id"), primary_key=True),
    Column("mentions", Integer, nullable=False),
    Column("salience", Float, nullable=False, default=0.0),
    Index("ix_article_entities_entity", "entity_id", "article_id"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("entity_id", Text),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", String(8), nullable=False),
    Index("ix_mentions_article", "article_id"),
    Index("ix_mentions_entity", "entity_id"),
)

tags = Table(
    "tags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False),
    Column("type", String(16), nullable=False, default="topic"),
    Column("source", String(16), nullable=False, default="topic"),
    Column("score", Float),
    Column("kb_id", Text),
    Column("entity_id", Text),
    Column("status", String(16), nullable=False),
    # suggested, accepted, rejected or added
    Column("who", Text),
    Column("at", String(32), nullable=False),
    UniqueConstraint("article_id", "name_key", name="uq_tags_article_name"),
    Index("ix_tags_name_key", "name_key", "article_id"),  # version 1; v2 replaces it with ix_tags_facet
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(24), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker_text", Text),
    Column("speaker_entity", Text),
    Column("speaker_name", Text),
    Column("cue", Text),
    Column("confidence", Float, nullable=False, default=1.0),
    Index("ix_quotes_article", "article_id"),
    Index("ix_quotes_speaker", "speaker_entity"),
)

CORE_TABLES = [meta, articles, analyses, entities, article_entities, mentions, tags, quotes]

# -- the archive (v3): story threads, versions and near-duplicates, events ------------------
# Written by tagwerk.store.archive; the rows of tagwerk.archive.records (docs/archive.md).
# Article ids here are the store's ids; times are epoch seconds (UTC).

stories = Table(
    "stories",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("label", Text, nullable=False, default=""),
    Column("first", Float, nullable=False),
    Column("last", Float, nullable=False),
    Column("size", Integer, nullable=False),
    Column("open", Boolean, nullable=False),
    Column("centroid", JSON),
    # open stories only: {"entities", "names", "terms", "keyphrases"}; NULL once closed
    Index("ix_stories_last", "last"),
    Index("ix_stories_open", "open"),
)

story_members = Table(
    "story_members",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("story_id", String(16), nullable=False),
    Column("time", Float, nullable=False),
    Column("seq", Integer, nullable=False),
    # arrival number in the archive: the order to replay
    Column("score", Float),
    Index("ix_story_members_story", "story_id", "time"),
    Index("ix_story_members_seq", "seq", unique=True),
    Index("ix_story_members_time", "time"),
)

fingerprints = Table(
    "fingerprints",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("time", Float, nullable=False),
    Column("shingles", Integer, nullable=False),
    Column("signature", LargeBinary),
    # 128 little-endian uint32; NULL once the article has left the near-duplicate window
    Column("digest", String(32), nullable=False),
    Column("root", Integer, nullable=False),
    Column("urn", Text),
    Column("version", Integer),
    Column("url", Text),
    Column("outlet", Text),
    Index("ix_fingerprints_time", "time"),
    Index("ix_fingerprints_urn", "urn"),
)

version_links = Table(
    "version_links",
    metadata,
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("of", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    # agency, version or duplicate
    Column("similarity", Float, nullable=False),
    Column("urn", Text),
    Column("version", Integer),
    Index("ix_version_links_of", "of"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String(16), nullable=False),
    Column("date", String(16)),
    # ISO at its precision: 2024-06-18, 2024-W25, 2024-07, 2024; NULL when the text gives none
    Column("date_precision", String(8)),
    Column("day", String(10)),
    # the first day of ``date`` (a week's Monday), to sort by; NULL when open
    Column("planned", Boolean, nullable=False, default=False),
    Column("place", JSON),
    Column("participants", JSON, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("sentence", Integer, nullable=False),
    Index("ix_events_article", "article_id"),
)

event_entities = Table(
    "event_entities",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", Text, primary_key=True),
    Column("role", String(12), primary_key=True),
    # participant or place
    Index("ix_event_entities_entity", "entity_id", "event_id"),
)

ARCHIVE_TABLES = [stories, story_members, fingerprints, version_links, events, event_entities]

# -- full-text DDL ----------------------------------------------------------------------

# unicode61 folds case (also of Ä/Ö/Ü) but with remove_diacritics 0 keeps umlauts apart:
# "Bär" and "Bar" are different words in German.
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
        title, text, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER IF NOT EXISTS articles_ai AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_ad AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS articles_au AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
]

POSTGRES_FTS = [
    """ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('german', coalesce(title, '')), 'A') ||
            setweight(to_tsvector('german', coalesce(text, '')), 'B')
        ) STORED""",
    "CREATE INDEX IF NOT EXISTS ix_articles_tsv ON articles USING GIN (tsv)",
]


def _v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[t for t in CORE_TABLES if t is not article_entities])
    _article_entities_v1.create(conn)
    ddl = SQLITE_FTS if conn.dialect.name == "sqlite" else POSTGRES_FTS
    for stmt in ddl:
        conn.exec_driver_sql(stmt)


def _v2(conn: Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE article_entities ADD COLUMN date VARCHAR(32)")
    conn.exec_driver_sql(
        "UPDATE article_entities SET date = (SELECT articles.date FROM articles WHERE articles.id = article_entities.article_id)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_article_entities_entity_date ON article_entities (entity_id, date, article_id)")
    conn.exec_driver_sql("CREATE INDEX ix_articles_outlet_lower ON articles (lower(outlet))")
    # covering index for the tag facet: no table row is read to test the status
    conn.exec_driver_sql("CREATE INDEX ix_tags_facet ON tags (name_key, article_id, status)")
    conn.exec_driver_sql("DROP INDEX ix_tags_name_key")


def _v3(conn: Connection) -> None:
    metadata.create_all(conn, tables=ARCHIVE_TABLES)


MIGRATIONS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "articles, analyses, entities, mentions, tags, quotes; full-text index", _v1),
    (2, "article_entities.date, (entity, date) index, lower(outlet) index, covering tag-facet index", _v2),
    (3, "the archive: stories, story_members, fingerprints, version_links, events, event_entities", _v3),
]
assert [m[0] for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


class SchemaError(TagwerkError):
    """The database has a schema this version of tagwerk cannot use."""


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "meta"):
        return 0
    row = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).first()
    return int(row[0]) if row else 0


def migrate(engine, *, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target`` (default: current); returns the version it had before."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # One migrator at a time across processes.
            conn.execute(text("SELECT pg_advisory_xact_lock(7471)"))
        before = current_version(conn)
        if before > SCHEMA_VERSION:
            raise SchemaError(
                f"the database has schema version {before}, newer than this tagwerk knows ({SCHEMA_VERSION}); upgrade tagwerk"
            )
        for version, _desc, step in MIGRATIONS:
            if version <= before or version > target:
                continue
            step(conn)
            if version == 1:
                conn.execute(meta.insert().values(key="schema_version", value=str(version)))
            else:
                conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=str(version)))
    return before
