FROM debian:bookworm-slim
RUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y --no-install-recommends curl
# cleaning the cache mount from the RUN that mounts it would empty the cache
RUN apt-get clean
RUN apt-get install -y --no-install-recommends jq
WORKDIR /app
# the previous instruction is no RUN
RUN rm -rf /var/lib/apt/lists/*
