FROM debian:bookworm-slim
RUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
RUN /usr/bin/apt full-upgrade -y
RUN apt show curl && apt reinstall -y bash
RUN ["apt", "autoremove", "-y"]
# no apt-get equivalent: left alone
RUN apt list --installed
