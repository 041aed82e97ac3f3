FROM debian:bookworm-slim
# A simulation does not prompt.
RUN apt-get update && apt-get install --no-install-recommends -s curl && rm -rf /var/lib/apt/lists/*
# The positive twin.
# want "apt-get-missing-yes"
RUN apt-get update && apt-get install --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
