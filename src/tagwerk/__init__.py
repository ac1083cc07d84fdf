"""tagwerk: reads German news articles and fills in what an editor and an archive need."""

from tagwerk.analysis import Analysis
from tagwerk.article import Article
from tagwerk.errors import ArticleError, TagwerkError
from tagwerk.pipeline import Analyzer, AnalyzerConfig, analyze, register_stage

__version__ = "0.1.0"

__all__ = [
    "Analysis",
    "Analyzer",
    "AnalyzerConfig",
    "Article",
    "ArticleError",
    "TagwerkError",
    "__version__",
    "analyze",
    "register_stage",
]
