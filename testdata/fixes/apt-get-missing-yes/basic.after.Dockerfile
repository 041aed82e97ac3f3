FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN DEBIAN_FRONTEND=noninteractive apt-get -q \
    install -y --no-install-recommends git
RUN sh -c 'apt-get purge -y vim'
RUN ["apt-get", "autoremove", "-y"]
