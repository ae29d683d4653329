"""What rules refer to: the group and region catalogues, the YAML loader they share, the shipped defaults."""
