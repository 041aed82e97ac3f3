FROM debian:bookworm-slim
# The RUN turns recommends off for the tools and keeps them for the desktop
# libraries: a choice, install by install.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl ca-certificates \
 && apt-get install -y libgtk-3-0 fonts-dejavu \
 && rm -rf /var/lib/apt/lists/*
# The positive twin: one install, recommends on.
# want "apt-no-install-recommends"
RUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*
