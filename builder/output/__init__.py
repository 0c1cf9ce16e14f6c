"""Phases 4 and 6 and what a build keeps: the staging folder, the atomic swap into OUT, and the
build cache (pure keys, storage, the cache one build sees) and the session serve keeps."""
