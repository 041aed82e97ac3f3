FROM debian:bookworm-slim
# the cleanup RUN right after is moved in (the same edit cleanup-in-separate-layer makes)
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN rm -rfv /var/lib/apt/lists/*
