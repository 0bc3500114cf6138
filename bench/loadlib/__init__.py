"""Helpers for bench/load.py: the server under test (server.py) and the editors (client.py)."""
