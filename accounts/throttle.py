"""Sign-in throttling: too many failures for one username, or from one IP address,
and sign-in is refused for a while.

Counts live in Django's cache (a shared one in production: see settings), keyed by a
hash of the username as typed (ignoring case) and of the IP address. Usernames that do
not exist are counted and locked exactly like those that do, so the throttle never
reveals which accounts exist. A success clears its username's count but not its IP
address's, so one working account cannot be used to reset an address's count.

Settings (seconds and counts): SIGN_IN_THROTTLE_FAILURES (per username),
SIGN_IN_THROTTLE_IP_FAILURES (per IP address), SIGN_IN_THROTTLE_WINDOW (the failures
must fall within this long of the first) and SIGN_IN_THROTTLE_LOCKOUT (how long sign-in
is then refused).
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

_PREFIX = "accounts:sign-in"


def _now() -> float:
    return time.time()


def _setting(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _subjects(*, username: str, ip: str | None) -> list[tuple[str, int]]:
    """Each cache key that this attempt counts against, with its limit."""
    subjects = [
        (
            f"{_PREFIX}:user:{hashlib.sha256(username.casefold().encode()).hexdigest()}",
            _setting("SIGN_IN_THROTTLE_FAILURES", 5),
        )
    ]
    if ip:
        subjects.append(
            (
                f"{_PREFIX}:ip:{hashlib.sha256(ip.encode()).hexdigest()}",
                _setting("SIGN_IN_THROTTLE_IP_FAILURES", 5),
            )
        )
    return subjects


def sign_in_is_locked(*, username: str, ip: str | None) -> bool:
    """Whether sign-in is refused for this username or from this IP address now."""
    now = _now()
    for key, _limit in _subjects(username=username, ip=ip):
        locked_until = cache.get(f"{key}:locked-until")
        if locked_until is not None and locked_until > now:
            return True
    return False


def sign_in_failure_record(*, username: str, ip: str | None) -> bool:
    """Count a failed sign-in; True when this failure locks the username or address."""
    window = _setting("SIGN_IN_THROTTLE_WINDOW", 15 * 60)
    lockout = _setting("SIGN_IN_THROTTLE_LOCKOUT", 15 * 60)
    now = _now()
    locked = False
    for key, limit in _subjects(username=username, ip=ip):
        failures_key = f"{key}:failures"
        # The window opens at the first failure: add() does nothing if it is already open.
        # incr() is atomic on the locmem, Redis and Memcached backends.
        cache.add(failures_key, 0, timeout=window)
        try:
            failures = cache.incr(failures_key)
        except ValueError:  # the window closed between add() and incr()
            cache.set(failures_key, 1, timeout=window)
            failures = 1
        if failures >= limit:
            cache.set(f"{key}:locked-until", now + lockout, timeout=lockout)
            # After the lockout the count starts again.
            cache.delete(failures_key)
            locked = True
    return locked


def sign_in_success_record(*, username: str) -> None:
    """A correct password clears its username's count (not its IP address's)."""
    key, _limit = _subjects(username=username, ip=None)[0]
    cache.delete(f"{key}:failures")
