# The Telegram bot: long polling by default, a webhook server on 8443 when WEBHOOK_URL is set.
# Configuration comes from the environment at run time (docker run --env-file .env ...):
# no token or secret is ever baked into the image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src

# Dependencies first, from the lock alone (`make lock`), so this layer is rebuilt only when
# the lock changes, not on every code or knowledge edit. Every package, the build's
# setuptools included, is pinned and checked against its hashes: the same files in every
# build, and a tampered one fails it.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

# Then the code and the knowledge base, installed as a package with the setuptools just
# installed (no build isolation: nothing fetched unpinned; --no-deps: all is above).
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
RUN pip install --no-deps --no-build-isolation . && pip check && rm -rf /src

# An empty working folder, so `python -m bot` imports the installed package; fail the
# build now if the installed knowledge base is incomplete or invalid.
WORKDIR /app
RUN python -m bot check

# Run as an unprivileged user; it owns nothing it could rewrite but its data folder, a
# volume: the users' language choices survive a new container.
RUN useradd --system --no-create-home --uid 10001 bot \
    && mkdir /data && chown bot /data
ENV DATA_DIR=/data
VOLUME ["/data"]
USER bot

# The webhook server (WEBHOOK_PORT); unused with long polling.
EXPOSE 8443

# Alive while the bot's event loop writes its heartbeat to DATA_DIR (every 30 s; stale after
# 120 s): `python -m bot health` exits 1 otherwise. The start period covers the first start.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=2 CMD ["python", "-m", "bot", "health"]

# Exec form: python is PID 1 and gets SIGTERM from `docker stop`; python-telegram-bot
# handles it and shuts down gracefully.
CMD ["python", "-m", "bot", "run"]
