"""Takes the verdicts of quality/ and the English that is live.
Gives the bilingual static site (from the templates here), the Markdown export, the local preview server.
Never imports workspace/ or tasks.
"""
