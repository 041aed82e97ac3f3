FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN /usr/bin/apt-get dist-upgrade -y
RUN apt-cache show curl && apt-get install --reinstall -y bash
RUN ["apt-get", "autoremove", "-y"]
# no apt-get equivalent: left alone
RUN apt list --installed
