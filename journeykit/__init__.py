"""JourneyKit: run customer journey mapping workshops in Jupyter and Voila."""

__version__ = "0.1.0"
