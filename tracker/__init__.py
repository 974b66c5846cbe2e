"""tracker: follow French tech-news rumours until they are confirmed or denied."""

__version__ = "0.1.0"
