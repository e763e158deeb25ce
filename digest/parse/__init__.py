"""One seed → one Article: reader (bytes → text), cleaner (lines → headline, body, removed parts), enrich (tags, entities, topics), assembly (the Pipeline)."""
