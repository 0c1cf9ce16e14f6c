"""Phase 3, the pages around the guides, made from all the guides' front matter: the front page,
the ways in, the search index, 404, redirects, sitemap, the component gallery, page weights."""
