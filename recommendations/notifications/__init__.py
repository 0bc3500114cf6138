"""Email the service sends: reminders to owners' contacts about actions due within 30
days, due within 7 days and overdue, a weekly digest for each plan's editors, and a
message to reviewers when a plan is submitted to them.

`contacts` keeps the people behind each owner's role; `reminders` and `digest` work out
who is told what on a day (from the plan snapshots the dashboard and the slippage report
read); `outbox` records each message once (its unique key makes a second run send
nothing twice) and sends it through Django's email API, retrying a failed send with a
growing delay until it is sent or shown as failed; `deliveries` asks GOV.UK Notify
later whether what it accepted arrived, marking a bounce and sending again after a
temporary failure; `tasks` runs the sending and the checks in the background;
`notify_backend` is the GOV.UK Notify email backend.

This package may import models, selectors, snapshots, review and permissions, and the
core helpers; never views or forms. Services import only `tasks` from it, to tell
reviewers of a submission.
"""
