"""Takes a site and a translator in a browser (invoke workspace, or invoke review --serve).
Gives the review page made live and editable, every save written back into the PO files.
Never imports tasks.

The PO files stay the only store: every save goes through the catalog writer of
``extract`` under the site lock, and a change made on disk meanwhile is shown,
never overwritten (``entries``). The HTTP side (``app``) is Starlette on uvicorn,
bound to 127.0.0.1 behind a random token and Host/Origin checks.
"""
