"""Caucasus Digest: Arabic news seeds → clean, tagged, topic-sorted articles (no MkDocs here)."""
