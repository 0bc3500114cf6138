"""Backing up and restoring the whole database, history included (backup_db, restore_db).

It may import Django only: it finds every app's models through the app registry, so it
imports nothing of the project's own apps.
"""
