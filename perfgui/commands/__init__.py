"""Subcommands of ``python -m perfgui``; each module has ``register(subparsers)``."""
