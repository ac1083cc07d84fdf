"""The HTTP API and the editor's web page (FastAPI); ``create_app()`` builds it."""

from tagwerk.service.app import app_from_env, create_app

__all__ = ["app_from_env", "create_app"]
