"""Importing plans from files: today the YAML data format; Word and spreadsheets join it.

Importers build and check the plan's data, then write through `recommendations.services`
(and its `common` helpers) in one transaction. They import models and services, never
views, forms or the other capability packages.
"""
