FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y curl && rm -rf /var/lib/apt/lists/*
RUN apt-get -qq install --no-install-recommends \
      git \
      jq
RUN ["apt-get", "install", "--no-install-recommends", "-y", "make"]
RUN bash -c "apt-get install --no-install-recommends -y wget"
