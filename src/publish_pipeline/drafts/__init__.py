"""Takes the empty entries of the PO files, a machine translation engine, English written before the pipeline.
Gives fuzzy drafts for review: from memory, from an engine (placeholders kept, answers cached), or adopted.
Never imports quality/, output/, workspace/ or tasks: a draft is never a verdict and never published.
"""
