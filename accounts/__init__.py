"""Signing in and out: sign-in and its throttling, sessions, the sign-in log, and users'
roles (Membership). It may import Django (auth among it), simple_history, the govuk form
helpers, and recommendations.models (the bodies a membership names), nothing else.
"""
