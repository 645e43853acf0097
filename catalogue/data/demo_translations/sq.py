"""Demo content in sq (machine translation, not reviewed), keyed by the Italian text."""

STRINGS = {}
