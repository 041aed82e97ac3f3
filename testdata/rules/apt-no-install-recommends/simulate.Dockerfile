FROM debian:bookworm-slim
# A simulation (-s, --simulate, --dry-run) installs nothing, and asks
# nothing either.
RUN apt-get update && apt-get install -s curl && apt-get -qs install git \
 && apt-get install --dry-run make && rm -rf /var/lib/apt/lists/*
# The positive twin.
# want "apt-no-install-recommends"
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
