FROM debian:bookworm-slim
# the next RUN installs with the same lists: removing them here would break it
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-get install -y --no-install-recommends git
# a script might read the lists too
RUN apt-get update && apt-get install -y --no-install-recommends make
COPY install.sh /tmp/
RUN /tmp/install.sh
