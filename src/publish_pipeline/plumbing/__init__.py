"""Takes paths, bytes and work to share out, and nothing of what a document means.
Gives durable atomic writes, the site lock, output folders a command owns, both cores, the no-op extract's answer.
Never imports a stage (text/ and all after it) or tasks: it is the ground floor, with errors, wording, config, site.
"""
