# (filled in by the runtime core)
