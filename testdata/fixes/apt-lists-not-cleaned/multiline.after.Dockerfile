FROM debian:bookworm-slim
# leading &&: the cleanup gets a line of its own, in the same style
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      curl \
      git \
 && rm -rf /var/lib/apt/lists/*
# trailing &&, with work after the install
RUN apt-get update && \
    apt-get install -y --no-install-recommends gcc && \
    rm -rf /var/lib/apt/lists/* && \
    gcc --version
# comment lines inside the RUN stay where they are
RUN apt-get update \
    # jq reads the JSON config
    && apt-get install -y --no-install-recommends jq \
    && rm -rf /var/lib/apt/lists/*
# a heredoc script: the cleanup joins the line of the last apt command
RUN <<EOF
set -e
apt-get update
apt-get install -y --no-install-recommends wget && rm -rf /var/lib/apt/lists/*
wget --version
EOF
