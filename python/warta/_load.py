"""Why ``import warta`` failed, in words a user can act on (imported before the compiled
core, so it must not need it)."""

from __future__ import annotations


def core_import_problem(exc: ImportError) -> str:
    """What to tell a user whose ``import warta`` failed: a shared library the compiled core
    needs is missing on this machine (a wheel built elsewhere against a system ICU), or the
    core itself was never built (a source checkout)."""
    message = str(exc)
    if "cannot open shared object file" in message:
        library = message.split(":", 1)[0].strip()
        return (
            f"warta's compiled core needs the shared library {library}, which this machine does not "
            "have: the installed wheel was built against a system library (e.g. ICU) of another "
            "machine. Install a self-contained wheel (`make wheel` builds one, ICU inside) or build "
            f"from source on this machine (`pip install --no-binary warta warta`). Original error: {message}"
        )
    return (
        "warta's compiled core (warta._core) is missing: this looks like a source tree that was "
        "never built. Build it with `make install` (or `pip install .`). Original error: " + message
    )
