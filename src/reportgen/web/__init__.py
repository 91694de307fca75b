"""``reportgen serve``: the quarterly cycle in a browser, over the command line's workspace.

Lead officers open their return's own link, download it and send it back, and are told at once
what to fix, cell by cell. The performance officer sees who has sent what and chases the rest;
the clerk builds the papers with live progress, looks at their pages and downloads them, and
checks a changed template before it is used. Starlette on uvicorn, Jinja2 pages, htmx (in
``static/``, never fetched from elsewhere), SQLite for the submission log and audit trail.
See :func:`reportgen.web.app.create_app`.
"""
