"""intelgraph's HTTP service: the SPARQL 1.1 Protocol, REST lookups, exports and the explorer.

Build it with :func:`api.app.create_app`; nothing is created at import time.
"""
