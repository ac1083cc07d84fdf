"""tagwerk: reads German news articles and fills in what an editor and an archive need."""

from tagwerk._torchless import install as _keep_torch_out_of_thinc

_keep_torch_out_of_thinc()  # spaCy without PyTorch's start-up cost (tagwerk._torchless)

from tagwerk.analysis import Analysis  # noqa: E402 - after the import hook above
from tagwerk.article import Article  # noqa: E402
from tagwerk.errors import ArticleError, TagwerkError  # noqa: E402
from tagwerk.pipeline import Analyzer, AnalyzerConfig, analyze, register_stage  # noqa: E402

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
