FROM debian:bookworm-slim
# The stage turns recommends off for the tools and keeps them for the
# desktop libraries: a choice, install by install, in one RUN or several.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && apt-get install -y libgtk-3-0 fonts-dejavu \
 && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
