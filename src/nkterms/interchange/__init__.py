"""Exports of the glossary for other tools: TBX (v3 and 2008), CSV for Weblate, and JSON."""
