FROM debian:bookworm-slim
# A trigger runs in every build FROM this image, and its layer lands there.
# want "apt-lists-not-cleaned"
ONBUILD RUN apt-get update && apt-get install -y --no-install-recommends python3
ONBUILD RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# A RUN of this stage cleans this stage's layers, never the child's.
# want "apt-lists-not-cleaned"
ONBUILD RUN apt-get update && apt-get install -y --no-install-recommends git
RUN rm -rf /var/lib/apt/lists/*
ONBUILD RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends make
