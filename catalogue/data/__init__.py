"""Data files of the catalogue: the district's municipalities and the demo content."""
