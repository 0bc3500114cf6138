"""Reads: what pages, capabilities and commands show, never a write.

Keyword-only functions over models and snapshots, split by what they read; `versions`
decides which version of a plan a reader may see. They import models, permissions and
snapshots, never views, forms, services or the capability packages.
"""
