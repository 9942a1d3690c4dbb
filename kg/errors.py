"""The one exception hierarchy of the library.

Library code raises these; only :mod:`kg.cli` turns them into a one-line
message, a hint and an exit code.
"""


class KGError(Exception):
    """Base of every error the library raises on purpose.

    ``message`` names the problem, ``hint`` says what to do about it.
    """

    exit_code = 1

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(KGError):
    """A path, file or folder given as input cannot be used."""


class DecodeError(InputError):
    """A file is binary or in no supported text encoding."""


class QueryError(KGError):
    """A SPARQL query is malformed or cannot be answered."""


class FormatError(KGError):
    """An unknown output format name: a usage error."""

    exit_code = 2


class ValidationRunError(KGError):
    """SHACL validation could not run at all (not: the graph does not conform)."""

    exit_code = 2


class StoreError(KGError):
    """A store cannot be opened, reached, read or written."""


class GoldError(InputError):
    """A gold annotation file is missing or malformed."""


class ClusterError(KGError):
    """A Dask cluster cannot be reached, or its workers run another version."""
