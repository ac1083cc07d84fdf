"""The HTTP API and the editor's web page (FastAPI); ``create_app()`` builds it, ``serve()`` serves it."""

from tagwerk.service.app import app_from_env, create_app
from tagwerk.service.server import serve

__all__ = ["app_from_env", "create_app", "serve"]
