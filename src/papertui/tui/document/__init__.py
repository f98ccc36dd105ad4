"""A paper's full text: Markdown parsed into blocks, blocks laid out into lines."""
