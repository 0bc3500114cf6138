"""What reviewers read: the revision timeline, comparisons of two versions, slippage of
target dates, and the change notes drafted from a comparison.

Reads only: it imports models, snapshots, selectors and the core helpers, never views,
forms, services or the other capability packages.
"""
