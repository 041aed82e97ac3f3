FROM node:22-alpine AS web
# want "shell-missing-on-base"
RUN bash -c 'npm ci'
FROM alpine:3.20 AS tools
# want "shell-missing-on-base"
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN echo hi
FROM busybox:1.36
# want "shell-missing-on-base"
RUN <<EOT
#!/bin/bash
echo "${BASH_VERSION}"
EOT
