"""The ``kg`` command group: library errors become one line, a hint and an
exit code here and nowhere else.
"""

from __future__ import annotations

import logging
import sys

import click

from kg import __version__
from kg.cli.display import printable
from kg.errors import KGError

DEFAULT_GRAPH = "output/graph.ttl"
DEFAULT_STORE = "output/store"


def os_hint(exc: OSError) -> str:
    """What to do about a failed file operation, by its cause."""
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some disk space, or write to another folder (-o)"
    if exc.errno == errno.EFBIG:
        return "a file grew past what the file system or a limit allows: write to another folder (-o)"
    if exc.errno == errno.EROFS:
        return "the file system is read-only: write to another folder (-o)"
    return "check the path and its permissions"


class KGGroup(click.Group):
    """Turns library errors into one-line messages at the CLI's edge."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            hint = f" (hint: {exc.hint})" if exc.hint else ""
            click.echo(printable(f"Error: {exc.message}{hint}"), err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("Error: interrupted; earlier output files are unchanged", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            # the reader went away (kg stats | head): stop quietly, as Unix tools do
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except OSError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            where = f" {exc.filename}" if exc.filename else ""
            click.echo(printable(f"Error: cannot access{where}: {exc.strerror} (hint: {os_hint(exc)})"), err=True)
            ctx.exit(1)
        except ModuleNotFoundError as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            # run from a source folder with a Python that lacks our dependencies
            click.echo(f"Error: the Python package {exc.name} is missing (hint: pip install . in the project, or use the Python it was installed with)", err=True)
            ctx.exit(1)
        except Exception as exc:  # a bug of ours: one line, the traceback only with --debug
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"Error: internal error: {type(exc).__name__}: {exc} (hint: run again with --debug and report it)", err=True)
            ctx.exit(1)


@click.group(cls=KGGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
@click.option("--debug", is_flag=True, help="Show jieba's log and full tracebacks.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build knowledge graphs from Chinese government work reports.

    \b
    Example:
      kg build                      # the bundled Hengyang report into output/
      kg query "SELECT ?l WHERE { ?s rdfs:label ?l } LIMIT 5"
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
    if debug:
        logging.getLogger("jieba").setLevel(logging.DEBUG)
