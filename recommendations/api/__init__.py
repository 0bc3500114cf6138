"""The read-only JSON API at /api/v1/, for the inspectorate's and departments' own
systems, and its OpenAPI description and documentation page.

A door to the outside world like `views`, but one that only reads: it works out which
version of a plan a reader may read through `selectors.versions` (the same rule as the
pages), reads through selectors, snapshots and review, and never writes plan data. It
imports models, permissions, selectors, snapshots, review and the core helpers (targets,
text, richtext, summary), and Django REST framework; never services, forms or views.
Who is asking (a session, or a personal API token) is settled by the authentication
classes named in settings, which live in the accounts app.
"""
