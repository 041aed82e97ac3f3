FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN apt-cache policy curl && apt-mark hold curl
# words, not commands
RUN echo apt && apt-config dump && ls /etc/apt
