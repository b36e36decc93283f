"""The bureau's store: the packets its units sent, their keys, and the facts of each accepted one."""
