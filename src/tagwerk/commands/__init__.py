"""CLI command modules; each exposes `register(app)`, called by tagwerk.cli."""
