FROM debian:bookworm-slim
# install curl
# clean up in the same layer
RUN apt-get update \
      && apt-get install -y --no-install-recommends \
      curl ca-certificates \
      && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN test -f /etc/os-release || exit 1 \
      && { echo done; echo really; }
