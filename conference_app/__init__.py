"""Conference Companion: plan, capture and follow up the people you meet at conferences."""

__version__ = "0.1.0"
