"""Sessions end when idle: staff after 30 minutes idle or 12 hours in all, citizens after 2
hours idle (settings STAFF_SESSION_* and CITIZEN_SESSION_IDLE_MINUTES).

A small middleware rather than a library: django-session-security warns and logs out from
JavaScript in the page (the server must enforce it anyway, and the API has no page), and
Django's SESSION_COOKIE_AGE is one age for everybody with no absolute limit.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from intake.second_factor import is_staff_user

STARTED_KEY = "session_started"
SEEN_KEY = "session_seen"


def now():
    """Seconds since the epoch (a function, so that tests can move the clock)."""
    return time.time()


def limits_for(user):
    """(idle seconds, total seconds or None) for this user's sessions."""
    if is_staff_user(user):
        return settings.STAFF_SESSION_IDLE_MINUTES * 60, settings.STAFF_SESSION_MAX_HOURS * 3600
    return settings.CITIZEN_SESSION_IDLE_MINUTES * 60, None


class SessionTimeoutMiddleware:
    """Logs out a session past its idle or total limit, before the view runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            current = now()
            session = request.session
            idle, total = limits_for(user)
            started = session.setdefault(STARTED_KEY, current)
            seen = session.get(SEEN_KEY, current)
            if current - seen > idle or (total is not None and current - started > total):
                logout(request)
            else:
                session[SEEN_KEY] = current
                session.set_expiry(idle)
        return self.get_response(request)


@receiver(user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    """A login starts the clocks afresh (Django keeps the session's data on a re-login)."""
    if hasattr(request, "session"):
        request.session[STARTED_KEY] = request.session[SEEN_KEY] = now()
