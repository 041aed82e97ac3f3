FROM debian:bookworm-slim
RUN apt-get update
# want "consecutive-run"
RUN apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*

# a comment and a blank line do not break the run: one finding per run
RUN useradd -l -u 10001 app

WORKDIR /app
RUN --mount=type=cache,target=/root/.npm npm install -g pnpm@9
# want "consecutive-run"
RUN --mount=type=cache,target=/root/.npm npm ci
