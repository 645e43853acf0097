"""Demo content in ar (machine translation, not reviewed), keyed by the Italian text."""

STRINGS = {}
