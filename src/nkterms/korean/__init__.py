"""The Korean text layer: Hangul, Hanja and romanization."""
