"""Pure core: the alert payload and its plain-text rendering (and the console notifier)."""
