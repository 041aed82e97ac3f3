FROM debian:bookworm-slim AS build
# a builder stage: what it installs does not ship
RUN apt-get update && apt-get install -y gcc && rm -rf /var/lib/apt/lists/*

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# the option may stand before the subcommand
RUN apt-get --no-install-recommends install -y git
RUN apt-get install -y -o APT::Install-Recommends=false jq
RUN apt-get install -y -oAPT::Install-Recommends=0 make
# other subcommands take no recommends
RUN apt-get update && apt-get upgrade -y && apt-get remove -y vim && apt-get clean
# not apt-get
RUN echo apt-get install curl
RUN aptly install foo
