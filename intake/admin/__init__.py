"""The intake's back office in the Wagtail admin: «Richieste» (requests.py), «Cittadini»
(citizens.py), the network panel and report «Andamento della rete» (dashboard.py, charts.py)
and the listing's filters (filters.py). intake/wagtail_hooks.py wires them in."""
