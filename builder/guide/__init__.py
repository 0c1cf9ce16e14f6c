"""Phase 2, each guide's steps after its checks: Markdown parsed to tokens, enriched (links, images,
outline), and rendered as HTML pages in every theme, with its short version and JSON-LD."""
