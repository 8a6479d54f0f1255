"""The article checker: find the glossary terms in a text that need care, Korean particles and all."""

from .engine import Checker, Finding, check_text

__all__ = ["Checker", "Finding", "check_text"]
