FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends jq
# drop the lists
RUN rm -rf /var/lib/apt/lists/*
ENTRYPOINT ["jq"]
