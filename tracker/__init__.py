"""tracker: an agile delivery tracker that shows where the plan collides with what is fixed."""

__version__ = "0.1.0"
