FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
RUN apt-get -qq install \
      git \
      jq
RUN ["apt-get", "install", "-y", "make"]
RUN bash -c "apt-get install -y wget"
