"""gxjn-cli: the scripted interface fixed by shared/cli.md (subcommands, exit codes, JSON keys)."""
