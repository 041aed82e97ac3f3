FROM debian:bookworm-slim
# want "apt-update-alone"
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# update with other work, but no install
# want "apt-update-alone"
RUN apt-get update && curl -fsSL https://example.com/x -o /x
# want "apt-update-alone"
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq update
# want "apt-update-alone" "use-apt-get"
RUN apt update

FROM debian:bookworm-slim AS build
# a builder stage too: a stale index breaks it as much
# want "apt-update-alone"
RUN apt-get update
RUN apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*

FROM debian:bookworm-slim
# want "apt-update-alone"
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update
RUN --mount=type=cache,target=/var/lib/apt/lists apt-get install -y --no-install-recommends jq
