"""The running newsbot: the runtime builder, the daemon, --once, the health server."""
