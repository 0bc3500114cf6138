"""Helpers for bench/load.py and bench/scale.py: the servers under test (server.py), the
editors (client.py), percentiles (figures.py), scale.py's report (scale_report.py) and
the PostgreSQL restart (faults.py)."""
