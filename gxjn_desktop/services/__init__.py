"""Use cases (entry, checks, import, reports, demo). No Qt; storage is reached through Database."""
