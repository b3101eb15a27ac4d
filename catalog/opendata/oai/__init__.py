"""An OAI-PMH 2.0 repository over the published catalog.

- ``records``: what is harvestable (kinds, identifiers, sets, deleted records) and the
  keyset queries that page through it;
- ``tokens``: resumption tokens that carry the request and the position in the list;
- ``protocol``: the six verbs, their arguments and every error code, as XML;
- ``views``: the ``/oai/`` endpoint, GET and POST.
"""
