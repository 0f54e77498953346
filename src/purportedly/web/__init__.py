"""The analyst workspace: a FastAPI app serving a JSON API and a local single-page UI."""

from purportedly.web.app import create_app

__all__ = ["create_app"]
