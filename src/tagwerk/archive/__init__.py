"""From articles to an archive: versions, near-duplicates and story threads.

* :mod:`~tagwerk.archive.features`: what the archive keeps of an analysed article;
* :mod:`~tagwerk.archive.dedup`: agency versions and near-duplicates (MinHash LSH), sentence diffs;
* :mod:`~tagwerk.archive.stories`: online story threads over an inverted index of open stories;
* :mod:`~tagwerk.archive.core`: the two together, and ``assign_stories`` behind ``tagwerk stories``;
* :mod:`~tagwerk.archive.records`: the records and the rows a store keeps.

Events are extracted per article by the ``events`` stage (:mod:`tagwerk.stages.events`).
This package sits above the pipeline and below the store, batch, service and CLI layers: it
imports none of them.
"""

from tagwerk.archive.config import ArchiveConfig, parse_window
from tagwerk.archive.core import STORY_STAGES, Archive, ArchiveRows, assign_stories, place_in_date_order
from tagwerk.archive.dedup import DedupIndex, diff_sentences, diff_versions
from tagwerk.archive.features import ArticleFeatures, agency_identity, features_of
from tagwerk.archive.records import (
    ArchiveRecord,
    Fingerprint,
    SentenceDiff,
    StoryMember,
    StoryRecord,
    VersionGroup,
    VersionLink,
)
from tagwerk.archive.stories import StoryIndex

__all__ = [
    "STORY_STAGES",
    "Archive",
    "ArchiveConfig",
    "ArchiveRecord",
    "ArchiveRows",
    "ArticleFeatures",
    "DedupIndex",
    "Fingerprint",
    "SentenceDiff",
    "StoryIndex",
    "StoryMember",
    "StoryRecord",
    "VersionGroup",
    "VersionLink",
    "agency_identity",
    "assign_stories",
    "diff_sentences",
    "diff_versions",
    "features_of",
    "parse_window",
    "place_in_date_order",
]
