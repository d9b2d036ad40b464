"""Takes the PO files as the translator left them, and the checks' problems.
Gives each document's counts and whether its English may go out, what is live in git's history, the review page.
Never imports output/, workspace/ or tasks: it judges, it builds nothing.
"""
