"""The application layer: command line, Voila launch and the pages it serves."""
