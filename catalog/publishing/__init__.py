"""What the catalog publishes beyond its pages: citations, the Atom feed and the sitemap."""
