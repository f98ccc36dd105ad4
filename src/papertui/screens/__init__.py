"""Screens own the workers; widgets only render and post messages."""
