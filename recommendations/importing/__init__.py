"""Importing plans from files: the YAML data format and spreadsheets (.xlsx, .ods, .csv,
in the template of docs/spreadsheet-template.md); Word joins them.

Importers build and check the plan's data, then write through `recommendations.services`
(and its `common` helpers) in one transaction. They import models and services, never
views, forms or the other capability packages.
"""
