"""Reading news articles: files, directories, JSONL, stdin; furniture, dates, input problems.

>>> from kg.documents import read_documents, ReadSummary
"""
from kg.documents.cleaning import Article, clean_article, is_furniture, split_text
from kg.documents.dates import parse_date
from kg.documents.problems import REASONS, InputError, InputProblem, ReadSummary
from kg.documents.readers import MAX_CHARS, read_documents

__all__ = [
    "Article",
    "InputError",
    "InputProblem",
    "MAX_CHARS",
    "REASONS",
    "ReadSummary",
    "clean_article",
    "is_furniture",
    "parse_date",
    "read_documents",
    "split_text",
]
