"""The pure core: records, parsing, sanitising, the filter language, views, sorts and exports.

Nothing here does I/O or imports textual, httpx or sqlite3 (import-linter holds it to that).
"""
