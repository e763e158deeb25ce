"""The digest → the site: URLs (urls), one context of orders and groupings (context),
Arabic wording (labels), HTML built with escaping (html), pages, feeds, search index."""

from .build import SiteBuild, build_site

__all__ = ["SiteBuild", "build_site"]
