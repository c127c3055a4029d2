"""Browser tests: a real gunicorn server with the demo data, driven by Chromium through Playwright.

Run with `make e2e`. Not part of `make test` (pyproject's testpaths names only `safehold`).
"""
