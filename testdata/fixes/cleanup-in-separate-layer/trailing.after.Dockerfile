FROM ubuntu:22.04
RUN apt-get update && \
  apt-get install -y --no-install-recommends git wget && \
  git clone https://example.com/tool.git /opt/tool && \
  SUDO_FORCE_REMOVE=yes apt-get purge -y git wget
