FROM debian:bookworm-slim
# install curl
RUN apt-get update
RUN apt-get install -y --no-install-recommends \
      curl ca-certificates
# clean up in the same layer
RUN rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN apt-get install -y --no-install-recommends jq || exit 1
RUN apt-get install -y --no-install-recommends git; echo really
