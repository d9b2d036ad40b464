"""Takes every document's segments, the PO files and the glossary.
Gives PO catalogs merged like msgmerge (extract), the glossary, translation memory, the checks an entry must pass.
Never imports drafts/, quality/, output/, workspace/ or tasks: it knows no engine and no verdict.
"""
