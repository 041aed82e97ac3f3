FROM debian:bookworm-slim
ENV DEBIAN_FRONTEND=noninteractive
# the install RUN gets the update in front
RUN apt-get update && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
# an || in the install RUN: group it, so a failed update still fails the build
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq update && { apt-get install -y --no-install-recommends jq || true; }
