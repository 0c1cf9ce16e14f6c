"""theme: guidekit for MkDocs (entry point mkdocs.themes): guidekit's own layout around MkDocs
pages."""
