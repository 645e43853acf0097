"""Demo content in uk (machine translation, not reviewed), keyed by the Italian text."""

STRINGS = {}
