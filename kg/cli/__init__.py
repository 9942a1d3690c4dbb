"""The ``kg`` command line: parses arguments, calls the library, formats.

Errors from the library (:class:`kg.errors.KGError`) become one line on
stderr with a hint, and a non-zero exit code; never a traceback. Each
command lives in the module of its kind; importing them registers them on
:data:`main`.
"""

from kg.cli import building, extracting, graphs, querying  # noqa: F401  (the commands register on main)
from kg.cli.display import count_bar, progress_bar, stage_display
from kg.cli.group import main

__all__ = ["count_bar", "main", "progress_bar", "stage_display"]
