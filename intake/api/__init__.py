"""The intake API at /api/intake/: registration, token login, profile, requests, transitions.

Serializers check the shape of the input; views check who may call them and hand the
work to `intake.services`, which owns every rule.
"""
