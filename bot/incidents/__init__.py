"""Pure core: folding many articles about one event into one incident, and deciding what to tell subscribers."""
