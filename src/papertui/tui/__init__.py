"""The reader: a Textual app, its screens and widgets. Data comes only through the service."""
