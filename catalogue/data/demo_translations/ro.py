"""Demo content in ro (machine translation, not reviewed), keyed by the Italian text."""

STRINGS = {}
