"""guidekit: accessible service guides (办事指南) from Markdown, published only through an
accessibility gate."""

__version__ = "0.1.0"
