"""Open data: the catalog as harvesters and archives read it.

- ``oai``: an OAI-PMH 2.0 repository at ``/oai/`` (Dublin Core, EAD 3, EAC-CPF 2.0);
- ``ead``: a document as an EAD 3 file-level description;
- ``eac``: a person or an agency as an EAC-CPF 2.0 authority record;
- ``dublin_core``: a document as unqualified Dublin Core (``oai_dc``);
- ``views``: the ``ead.xml`` and ``eac.xml`` downloads on the record pages.

Only published records ever appear in any of them; every builder takes records the
caller has already limited to published ones and names no draft it reaches through them.
"""
