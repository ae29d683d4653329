import importlib.util

# Loopback servers shared by the tests: feeds (ETag/Last-Modified/304 and faults) and a Bot API.
pytest_plugins = [m for m in ("feedserver", "botapi_server") if importlib.util.find_spec(m)]
