"""The public pages of the catalog, and what they draw: linked text, timelines, the network."""
