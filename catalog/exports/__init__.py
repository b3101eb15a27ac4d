"""Files the catalog writes for people to open: CSV safety shared by every export."""
