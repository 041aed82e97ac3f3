FROM alpine:3.20 AS tools
RUN apk add --no-cache curl

FROM tools
RUN apk add gcc musl-dev
# env prefix and sudo
# want "cleanup-in-separate-layer"
RUN DEBIAN_FRONTEND=noninteractive sudo apk del gcc musl-dev
RUN pip install --no-cache-dir requests
# a heredoc script that only cleans up is a layer of its own too
# want "cleanup-in-separate-layer"
RUN <<EOF
rm -rf /root/.cache/pip
EOF
