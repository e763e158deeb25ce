"""A folder → the digest: discovery, overrides, the article cache, parallel parsing, duplicates."""
