FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
# A base that hands root to every image built FROM it.
# want "root-user"
USER 0:0
