FROM debian:bookworm-slim AS base
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# The stage it is built FROM made the choice already.
FROM base
RUN apt-get update && apt-get install -y man-db && rm -rf /var/lib/apt/lists/*
