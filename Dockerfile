FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY rules ./rules
RUN pip install . && useradd --create-home --uid 10001 newsbot && mkdir -p /app/state && chown newsbot /app/state
USER newsbot
ENV NEWSBOT_CONFIG=/app/newsbot.yaml
EXPOSE 8080
CMD ["newsbot", "run"]
