"""Who is on the other end of a request: the client's IP address and user agent."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's IP address, or None when it is unknown or malformed.

    Behind TRUSTED_PROXY_COUNT reverse proxies, each of which appends the address it
    received the request from to X-Forwarded-For, the client is that many entries from
    the right. Entries further left are whatever the client chose to send, so they are
    never trusted: taking the leftmost would let anyone dodge the sign-in throttle.
    """
    if request is None:
        return None
    address = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def user_agent(request: HttpRequest | None, max_length: int) -> str:
    if request is None:
        return ""
    return request.META.get("HTTP_USER_AGENT", "")[:max_length]
