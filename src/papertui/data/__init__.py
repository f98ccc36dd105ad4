"""I/O: files, SQLite, HTTP and where things live. Never imports textual or rich.

The UI never imports this package: it reaches data through `papertui.service`.
"""
