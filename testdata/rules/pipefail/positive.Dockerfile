FROM debian:bookworm-slim
# want "pipefail"
RUN curl -fsSL https://example.com/install.sh | sh
# want "pipefail"
RUN wget -O - https://example.com/app.tgz \
  | tar -xz -C /opt
# want "pipefail"
RUN gzip -dc /tmp/dump.gz | psql
# The SHELL of this stage says nothing of pipefail.
SHELL ["/bin/sh", "-o", "pipefail", "-c"]
# want "pipefail"
RUN curl -fsSL https://example.com/x | bash
