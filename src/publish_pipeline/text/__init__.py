"""Takes a Dutch source file's bytes, and later the English of its segments.
Gives the Document, its Markdown cut into segments (parses kept by the bytes), the document reassembled in English.
Never imports catalogs/, drafts/, quality/, output/, workspace/ or tasks: it knows no PO file.
"""
