"""The action plan domain: inspection reports, the plans that answer them, and what
policy staff, reviewers and publishers do with them.

Imports run one way: `views` -> the capability packages (`publishing`, `review`,
`importing`) -> `services` / `selectors` / `snapshots` -> `models` and the core helpers
(`targets`, `text`, `richtext`, `summary`, `permissions`). tests/architecture holds it.
"""
