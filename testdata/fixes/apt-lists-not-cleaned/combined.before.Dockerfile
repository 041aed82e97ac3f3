FROM debian:bookworm-slim
# three findings on one RUN: missing -y, missing --no-install-recommends, lists kept
RUN apt-get update && apt-get install curl ca-certificates
RUN useradd -m app
# the same with apt, on several lines
RUN apt update \
 && apt install git \
 && git --version
USER app
