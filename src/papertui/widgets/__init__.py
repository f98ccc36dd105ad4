"""Widgets render what they are given and post messages; they never touch the network or disk."""
