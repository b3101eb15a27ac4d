"""Protected personal data: restrictions on passages, texts, documents and persons.

- ``rules``: when a restriction lifts (BArchG § 11 (2), fixed dates), and what makes one valid;
- ``withheld``: the one view of the catalog that every public output reads, with restricted
  passages replaced by a placeholder of fixed form and restricted records left out;
- ``public``: where the public site asks that view (a middleware keeps the request; the
  querysets every public output starts from leave withheld records out);
- ``indexing``: a restriction's save or delete reindexes the documents it touches;
- ``lifting``: ``manage.py lift_restrictions`` records what lifted and reindexes it.
"""
