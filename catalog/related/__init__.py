"""Documents related to a document: linked explicitly, or sharing persons, agencies, contact
events and subjects (``computed``)."""
