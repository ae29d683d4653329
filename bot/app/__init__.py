"""The running newsbot: the one runtime builder and --once (``runtime``), the daemon and its timer
(``daemon``, ``jobs``), the health server (``health``)."""
