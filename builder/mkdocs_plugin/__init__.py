"""guidekit for MkDocs sites: the plugin, the components' Markdown extension and theme: guidekit."""
