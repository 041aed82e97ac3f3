FROM debian:bookworm-slim
# want "apt-no-install-recommends"
ONBUILD RUN apt-get update && apt-get install -y python3 && rm -rf /var/lib/apt/lists/*
ONBUILD COPY apt-get install /tmp/
