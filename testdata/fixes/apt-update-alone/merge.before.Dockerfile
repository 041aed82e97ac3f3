FROM debian:bookworm-slim
RUN apt-get update
ENV DEBIAN_FRONTEND=noninteractive
# the install RUN gets the update in front
RUN apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
RUN DEBIAN_FRONTEND=noninteractive apt-get -qq update
# an || in the install RUN: group it, so a failed update still fails the build
RUN apt-get install -y --no-install-recommends jq || true
