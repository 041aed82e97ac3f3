FROM debian:bookworm-slim AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN curl -fsSL https://example.com/install.sh | sh
FROM base
# The stage inherits its parent's SHELL.
RUN wget -qO- https://example.com/app.tgz | tar -xz -C /opt
FROM debian:bookworm-slim
RUN set -o pipefail && curl -fsSL https://example.com/install.sh | bash
RUN set -euo pipefail; curl -fsSL https://example.com/x | sh
# Nothing that fails unnoticed feeds these pipes.
RUN echo "deb http://deb.example.com stable main" | tee /etc/apt/sources.list.d/x.list
RUN curl -fsSL https://example.com/x -o /tmp/x && sha256sum /tmp/x | cut -c1-64
FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04
SHELL ["pwsh", "-c"]
RUN curl https://example.com | Select-Object -First 1
