FROM debian:bookworm-slim
# install curl
# clean up in the same layer
RUN apt-get update \
      && apt-get install -y --no-install-recommends \
      curl ca-certificates \
      && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN apt-get install -y --no-install-recommends jq || exit 1 \
      && { apt-get install -y --no-install-recommends git; echo really; }
