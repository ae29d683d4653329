"""Edge: fetching feeds and articles (with the address policy), parsing them, and managing the feed list."""
